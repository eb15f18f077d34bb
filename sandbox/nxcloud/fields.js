'use strict';
/* Reading the fields of an NXCloud request body; each check throws an NxError with its code. */

const { countryCode } = require('../util');
const { NxError } = require('./envelope');

/** A field as text ('' when absent). */
function text(value) {
	return value === undefined || value === null ? '' : String(value);
}

function isAbsent(value) {
	return value === undefined || value === null || value === '';
}

/** A phone number: digits with the country code; an empty required one is code 10001. */
function phoneField(body, name, required) {
	const value = text(body[name]);
	if (!value) {
		if (required) throw new NxError(10001, `${name} is empty`);
		return '';
	}
	if (!/^\d{6,20}$/.test(value)) {
		throw new NxError(1002, `${name} must be digits with country code: ${value}`);
	}
	return value;
}

/** A lifetime in seconds (0 = never expires). */
function expireSecond(body, name, required, fallback) {
	const value = body[name];
	if (isAbsent(value)) {
		if (required) throw new NxError(1002, `${name} is required`);
		return fallback;
	}
	const seconds = Number(value);
	if (!Number.isInteger(seconds) || seconds < 0) {
		throw new NxError(1002, `${name} must be a non-negative integer`);
	}
	return seconds;
}

/** The expireAt of a binding (epoch seconds; 0 = never expires). */
function expireAtOf(seconds, now) {
	return seconds === 0 ? 0 : Math.floor(now / 1000) + seconds;
}

/** `flag` (bit 0: record the call). */
function flagOf(body) {
	if (isAbsent(body.flag)) return 0;
	const flag = Number(body.flag);
	if (!Number.isInteger(flag) || flag < 0) {
		throw new NxError(1002, 'flag must be a non-negative integer');
	}
	return flag;
}

function isWholeNumberIn(value, max) {
	if (isAbsent(value) || !Number.isInteger(Number(value))) return false;
	return Number(value) >= 0 && Number(value) <= max;
}

/** limit 0..1000 (0 means up to 1000; else 10011) and offset ≥ 0 (else 10012). */
function pageArgs(body) {
	if (!isWholeNumberIn(body.limit, 1000)) throw new NxError(10011, 'limit out of range (0-1000)');
	if (!isWholeNumberIn(body.offset, Infinity)) throw new NxError(10012, 'offset out of range');
	const limit = Number(body.limit) === 0 ? 1000 : Number(body.limit);
	return { limit, offset: Number(body.offset) };
}

/** The country code A and B share, or null. */
function sameCountry(phoneA, phoneB) {
	const codeA = countryCode(phoneA);
	const codeB = countryCode(phoneB);
	return codeA && codeB && codeA === codeB ? codeA : null;
}

/** A and B of a two-party bind: different numbers (10002) of the same country (10004). */
function checkTwoParties(phoneA, phoneB) {
	if (phoneA === phoneB) throw new NxError(10002, 'phoneA and phoneB are the same');
	const code = sameCountry(phoneA, phoneB);
	if (!code) throw new NxError(10004, 'A and B must share a known country code');
	return code;
}

/** `phones`: a comma list of at least one number. */
function parsePhones(value) {
	const list = text(value)
		.split(',')
		.map((phone) => phone.trim())
		.filter(Boolean);
	if (!list.length) throw new NxError(1002, 'phones is required');
	for (const phone of list) {
		if (!/^\d{6,20}$/.test(phone)) {
			throw new NxError(1002, `phone ${phone} must be digits with country code`);
		}
	}
	return list;
}

module.exports = {
	text,
	isAbsent,
	phoneField,
	expireSecond,
	expireAtOf,
	flagOf,
	pageArgs,
	sameCountry,
	checkTwoParties,
	parsePhones,
};
