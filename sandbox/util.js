'use strict';
/* Small helpers shared by the sandbox modules (plain CommonJS, no dependencies). */

const crypto = require('node:crypto');

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** Upper-case UUID, the shape of Alibaba Cloud RequestIds. */
function aliRequestId() {
	return crypto.randomUUID().toUpperCase();
}

let nxSeq = 0;
/** 19-digit snowflake-like id (NXCloud requestId / callId style). */
function nxRequestId() {
	nxSeq = (nxSeq + 1) % 1000000;
	return String(Date.now()) + String(nxSeq).padStart(6, '0');
}

/** ms epoch -> 'yyyy-MM-dd HH:mm:ss' in China Standard Time (UTC+8). */
function chinaTime(ms) {
	return new Date(ms + CHINA_OFFSET_MS)
		.toISOString()
		.replace('T', ' ')
		.replace(/\.\d{3}Z$/, '');
}

/** 'yyyy-MM-dd HH:mm:ss' (China time) -> ms epoch, or null if malformed. */
function parseChinaTime(text) {
	if (typeof text !== 'string') return null;
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_OFFSET_MS;
	// reject calendar overflow such as 2024-02-31 or 25:00:00
	if (chinaTime(ms) !== text) return null;
	return ms;
}

/** RFC 3986 percent-encoding as used by Alibaba's V1 signature. */
function percentEncode(value) {
	return encodeURIComponent(String(value)).replace(
		/[!'()*]/g,
		(char) => '%' + char.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/**
 * Parse an application/x-www-form-urlencoded string (query or form body) the way the POP gateway
 * does: `%XX` is decoded as UTF-8 and a raw `+` means a space. Throws on malformed escapes.
 * Returns a plain object; the first occurrence of a repeated key wins.
 */
function parseForm(text) {
	const params = Object.create(null);
	if (!text) return params;
	const decode = (raw) => decodeURIComponent(raw.replace(/\+/g, ' '));
	for (const pair of text.split('&')) {
		if (pair === '') continue;
		const eq = pair.indexOf('=');
		const key = decode(eq === -1 ? pair : pair.slice(0, eq));
		const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
		if (!(key in params)) params[key] = value;
	}
	return params;
}

function randomHex(bytes) {
	return crypto.randomBytes(bytes).toString('hex');
}

function md5Hex(text) {
	return crypto.createHash('md5').update(text, 'utf8').digest('hex');
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function isDigits(value, min = 5, max = 20) {
	return (
		typeof value === 'string' && value.length >= min && value.length <= max && /^\d+$/.test(value)
	);
}

/** A subset of the ITU country calling codes: the sandbox's numbers and common test numbers. */
// prettier-ignore
const COUNTRY_CODES = new Set([
	'1', '7', '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48',
	'49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
	'86', '90', '91', '92', '93', '94', '95', '98', '212', '213', '216', '234', '254', '255', '351', '352', '353',
	'358', '380', '852', '853', '855', '856', '880', '886', '960', '966', '971', '972', '973', '974', '977',
]);

/** Longest known country-code prefix of a digits-only international number, or null. */
function countryCode(number) {
	if (typeof number !== 'string' || !/^\d{6,20}$/.test(number)) return null;
	for (const length of [3, 2, 1]) {
		const prefix = number.slice(0, length);
		if (COUNTRY_CODES.has(prefix)) return prefix;
	}
	return null;
}

module.exports = {
	CHINA_OFFSET_MS,
	aliRequestId,
	nxRequestId,
	chinaTime,
	parseChinaTime,
	percentEncode,
	parseForm,
	randomHex,
	md5Hex,
	sleep,
	isDigits,
	countryCode,
};
