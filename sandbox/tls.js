'use strict';
/*
 * The HTTPS front's certificate: a self-signed P-256 certificate for 127.0.0.1 and localhost, generated at start
 * with the system's `openssl` (Node 20 has no API to create X.509 certificates). Clients trust it as an extra CA
 * (NODE_EXTRA_CA_CERTS, or `ca` of a TLS client); nothing is installed system-wide.
 */

const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** { key, cert, certPath } of a fresh self-signed certificate valid for two days. */
function selfSignedCertificate() {
	const dir = mkdtempSync(join(tmpdir(), 'privacy-number-sandbox-tls-'));
	const keyPath = join(dir, 'key.pem');
	const certPath = join(dir, 'cert.pem');
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'ec',
				'-pkeyopt',
				'ec_paramgen_curve:prime256v1',
				'-nodes',
				'-keyout',
				keyPath,
				'-out',
				certPath,
				'-days',
				'2',
				'-subj',
				'/CN=127.0.0.1',
				'-addext',
				'subjectAltName=IP:127.0.0.1,DNS:localhost',
			],
			{ stdio: 'pipe' },
		);
	} catch (error) {
		const reason =
			error.code === 'ENOENT' ? 'openssl is not installed' : String(error.stderr || error);
		throw new Error(`cannot generate the HTTPS front's certificate: ${reason}`);
	}
	return { key: readFileSync(keyPath), cert: readFileSync(certPath), certPath };
}

module.exports = { selfSignedCertificate };
