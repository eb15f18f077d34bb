'use strict';
/* The XML of the MNS REST API (namespace http://mns.aliyuncs.com/doc/v1/): answers and request bodies. */

const NS = 'http://mns.aliyuncs.com/doc/v1/';

function escapeXml(text) {
	return String(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function unescapeXml(text) {
	return String(text)
		.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, data) => data)
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
		.replace(/&amp;/g, '&');
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function elements(fields) {
	return Object.entries(fields)
		.map(([key, value]) => `<${key}>${escapeXml(value)}</${key}>`)
		.join('');
}

function errorXml(code, message, requestId, hostId) {
	return (
		`${DECLARATION}<Error xmlns="${NS}">` +
		elements({ Code: code, Message: message, RequestId: requestId, HostId: hostId }) +
		'</Error>'
	);
}

function messageFields(m) {
	return {
		MessageId: m.messageId,
		ReceiptHandle: m.receiptHandle,
		MessageBodyMD5: m.bodyMd5,
		MessageBody: m.body,
		EnqueueTime: m.enqueueTime,
		NextVisibleTime: m.nextVisibleTime,
		FirstDequeueTime: m.firstDequeueTime,
		DequeueCount: m.dequeueCount,
		Priority: m.priority,
	};
}

function messageXml(m) {
	return `${DECLARATION}<Message xmlns="${NS}">${elements(messageFields(m))}</Message>`;
}

function messagesXml(list) {
	const inner = list.map((m) => `<Message>${elements(messageFields(m))}</Message>`).join('');
	return `${DECLARATION}<Messages xmlns="${NS}">${inner}</Messages>`;
}

function deleteErrorsXml(errors) {
	const inner = errors
		.map(
			(e) =>
				`<Error>${elements({ ErrorCode: e.code, ErrorMessage: e.message, ReceiptHandle: e.receiptHandle })}</Error>`,
		)
		.join('');
	return `${DECLARATION}<Errors xmlns="${NS}">${inner}</Errors>`;
}

/** `<ReceiptHandles><ReceiptHandle>…</ReceiptHandle>…</ReceiptHandles>` → the handles, or null if malformed. */
function parseReceiptHandles(text) {
	if (!/<ReceiptHandles[\s>]/.test(text) || !/<\/ReceiptHandles>/.test(text)) return null;
	const handles = [];
	const pattern = /<ReceiptHandle>([\s\S]*?)<\/ReceiptHandle>/g;
	let match;
	while ((match = pattern.exec(text)) !== null) handles.push(unescapeXml(match[1]).trim());
	return handles;
}

module.exports = {
	NS,
	escapeXml,
	unescapeXml,
	errorXml,
	messageXml,
	messagesXml,
	deleteErrorsXml,
	parseReceiptHandles,
};
