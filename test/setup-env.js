// Each jest worker gets its own n8n user folder (n8n-core writes an encryption key there on first use).
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

if (!process.env.N8N_USER_FOLDER_FIXED) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-privacy-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.TZ = process.env.TZ || 'UTC';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
