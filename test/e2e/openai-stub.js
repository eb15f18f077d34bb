'use strict';
/*
 * A scripted OpenAI-compatible chat model for end-to-end tests: POST /v1/chat/completions answers with the next
 * step of a script instead of a model. n8n's OpenAI Chat Model node (credential `openAiApi`, Base URL pointing
 * here) and its AI Agent then run against it like against api.openai.com.
 *
 *   const stub = await startOpenAiStub(steps)   steps: [(request) => reply], one per model call
 *   stub.url                                    http://127.0.0.1:<port>/v1 (the credential's Base URL)
 *   stub.calls                                  [{ body, headers, reply }] in order: what the model was sent
 *   stub.errors                                 problems (a call past the script, a step that threw)
 *   await stub.close()
 *
 * A step gets the request body and returns { toolCalls: [{ name, arguments }] } or { content: 'final answer' }.
 * Non-streaming answers are chat.completion objects; with `stream: true` the same reply is sent as SSE chunks.
 * GET /v1/models lists one model (n8n's model list and credential test ask for it).
 */
const http = require('node:http');

const MODEL = 'gpt-4o-mini';

function completion(reply, index) {
	const toolCalls = (reply.toolCalls || []).map((call, i) => ({
		id: `call_${index}_${i}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.arguments) },
	}));
	const message = {
		role: 'assistant',
		content: toolCalls.length ? null : String(reply.content ?? ''),
	};
	if (toolCalls.length) message.tool_calls = toolCalls;
	return {
		id: `chatcmpl-stub-${index}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
		choices: [{ index: 0, message, finish_reason: toolCalls.length ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

function streamChunks(done) {
	const { message, finish_reason } = done.choices[0];
	const base = {
		id: done.id,
		object: 'chat.completion.chunk',
		created: done.created,
		model: MODEL,
	};
	const delta = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls)
		delta.tool_calls = message.tool_calls.map((c, index) => ({ index, ...c }));
	return [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason }], usage: done.usage },
	];
}

function startOpenAiStub(steps) {
	const calls = [];
	const errors = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (d) => (raw += d));
		req.on('end', () => {
			const send = (status, obj) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(obj));
			};
			if (req.method === 'GET' && req.url.startsWith('/v1/models')) {
				return send(200, {
					object: 'list',
					data: [{ id: MODEL, object: 'model', owned_by: 'stub' }],
				});
			}
			if (req.method !== 'POST' || !req.url.startsWith('/v1/chat/completions')) {
				errors.push(`unexpected ${req.method} ${req.url}`);
				return send(404, { error: { message: `no route ${req.method} ${req.url}` } });
			}
			let body;
			let reply;
			try {
				body = JSON.parse(raw);
				const step = steps[calls.length];
				if (!step)
					throw new Error(
						`model call ${calls.length + 1} is past the script (${steps.length} steps)`,
					);
				reply = step(body);
			} catch (e) {
				errors.push(String(e && e.message ? e.message : e));
				calls.push({ body, headers: req.headers, reply: null });
				return send(500, { error: { message: `stub: ${e && e.message}` } });
			}
			calls.push({ body, headers: req.headers, reply });
			const done = completion(reply, calls.length);
			if (!body.stream) return send(200, done);
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			for (const chunk of streamChunks(done)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
			res.end('data: [DONE]\n\n');
		});
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}/v1`,
				calls,
				errors,
				close: () => new Promise((r) => server.close(() => r())),
			});
		});
	});
}

module.exports = { startOpenAiStub, MODEL };
