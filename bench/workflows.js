'use strict';
/**
 * The three ways of sending the same Bind AXB per item that the benchmark compares, as workflow nodes:
 *   ours  — the Aliyun Phone Number Protection node (Bind AXB, concurrency 50);
 *   bare  — bare-helper.node.js: only httpRequestWithAuthentication per item, 50 at a time;
 *   peer  — the no-code way: Edit Fields (canonical query) → Crypto (HMAC-SHA1 with a Crypto credential) →
 *           HTTP Request (n8n-nodes-base, default options: every item's request at once).
 * Each reads its numbers from the item fields a<suffix>, b<suffix>, order<suffix>, so that one set of items can feed
 * several of them without two binds of the same numbers.
 */
const POOL_KEY = 'FC100000000000001';
const PACKAGE = 'n8n-nodes-privacy-number';

function ours(name, suffix, credentialId, position) {
	return {
		id: `ours${suffix}`,
		name,
		type: `${PACKAGE}.aliyunPhoneNumberProtection`,
		typeVersion: 1,
		position,
		credentials: { alibabaCloudApi: { id: credentialId, name: 'sandbox' } },
		parameters: {
			resource: 'binding',
			operation: 'bindAxb',
			poolKey: POOL_KEY,
			phoneNoA: `={{ $json.a${suffix} }}`,
			phoneNoB: `={{ $json.b${suffix} }}`,
			expiration: 'in 2 hours',
			additionalFields: { outOrderId: `={{ $json.order${suffix} }}` },
			options: { concurrency: 50 },
		},
	};
}

function bare(name, suffix, credentialId, position, type = 'bench.bareHelper') {
	return {
		id: `bare${suffix}`,
		name,
		type,
		typeVersion: 1,
		position,
		credentials: { alibabaCloudApi: { id: credentialId, name: 'sandbox' } },
		parameters: {
			poolKey: POOL_KEY,
			phoneNoA: `={{ $json.a${suffix} }}`,
			phoneNoB: `={{ $json.b${suffix} }}`,
			outOrderId: `={{ $json.order${suffix} }}`,
		},
	};
}

/** The RPC V1 canonical query of one Bind AXB, built by an n8n expression (RFC 3986 encoding, sorted keys). */
function queryExpression(suffix, accessKeyId) {
	const params = [
		"Action: 'BindAxb'",
		`PoolKey: '${POOL_KEY}'`,
		`PhoneNoA: $json.a${suffix}`,
		`PhoneNoB: $json.b${suffix}`,
		"Expiration: new Date(Date.now() + 36000000).toISOString().slice(0, 19).replace('T', ' ')",
		`OutOrderId: $json.order${suffix}`,
		"Format: 'JSON'",
		"Version: '2017-05-25'",
		`AccessKeyId: '${accessKeyId}'`,
		"SignatureMethod: 'HMAC-SHA1'",
		"SignatureVersion: '1.0'",
		"SignatureNonce: 'peer-' + $itemIndex + '-' + Math.random().toString(36).slice(2) + Date.now()",
		"Timestamp: new Date().toISOString().slice(0, 19) + 'Z'",
	].join(', ');
	return (
		"={{ (() => { const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, " +
		"(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()); " +
		`const p = { ${params} }; ` +
		"return Object.keys(p).sort().map((k) => enc(k) + '=' + enc(p[k])).join('&'); })() }}"
	);
}

/** The peer's three nodes and their connections; `after` is the node that feeds it. */
function peer(prefix, suffix, { endpoint, accessKeyId, cryptoCredentialId }, position) {
	const [x, y] = position;
	const names = [`${prefix} Edit Fields`, `${prefix} Crypto`, `${prefix} HTTP Request`];
	const nodes = [
		{
			id: `peerSet${suffix}`,
			name: names[0],
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [x, y],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'q', name: 'query', type: 'string', value: queryExpression(suffix, accessKeyId) },
					],
				},
				options: {},
			},
		},
		{
			id: `peerCrypto${suffix}`,
			name: names[1],
			type: 'n8n-nodes-base.crypto',
			typeVersion: 2,
			position: [x + 200, y],
			credentials: { crypto: { id: cryptoCredentialId, name: 'hmac' } },
			parameters: {
				action: 'hmac',
				type: 'SHA1',
				value: "={{ 'POST&%2F&' + encodeURIComponent($json.query) }}",
				dataPropertyName: 'signature',
				encoding: 'base64',
			},
		},
		{
			id: `peerHttp${suffix}`,
			name: names[2],
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [x + 400, y],
			parameters: {
				method: 'POST',
				url: `={{ '${endpoint}/?' + $json.query + '&Signature=' + encodeURIComponent($json.signature) }}`,
				options: {},
			},
		},
	];
	const connections = {
		[names[0]]: { main: [[{ node: names[1], type: 'main', index: 0 }]] },
		[names[1]]: { main: [[{ node: names[2], type: 'main', index: 0 }]] },
	};
	return { nodes, connections, first: names[0], last: names[2], names };
}

module.exports = { POOL_KEY, PACKAGE, ours, bare, peer };
