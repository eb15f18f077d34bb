#!/usr/bin/env node
'use strict';
/*
 * npm run sandbox -- --port 18080 [--host 127.0.0.1] [--latency 25] [--jitter 5] [--fault-rate 0.1]
 *                    [--fault-kinds throttle,http500] [--no-qps] [--no-seed] [--verbose] [--quiet]
 */

const { startSandbox, FAULT_KINDS } = require('./index');

const USAGE = `Usage: node sandbox/cli.js [options]
  --port N             port to listen on (0 = any free port; default 18080)
  --host H             interface (default 127.0.0.1)
  --latency MS         fixed latency added to every API response
  --jitter MS          uniform jitter (+/- MS) on top of --latency
  --fault-rate R       probability 0..1 of injecting a fault per API request
  --fault-kinds LIST   comma list of ${FAULT_KINDS.join(', ')} (default: all but hang)
  --no-qps             disable the per-action QPS caps
  --no-seed            start with accounts only (no pools, numbers or groups)
  --verbose            log every API request to stderr
  --quiet              print only the URL line
  --help               this text`;

function parseArgs(argv) {
	const o = { port: 18080 };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=')
			? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
			: [a, undefined];
		const val = () => {
			if (inline !== undefined) return inline;
			if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
			return argv[++i];
		};
		const num = (name) => {
			const v = Number(val());
			if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
			return v;
		};
		switch (flag) {
			case '--port':
				o.port = num('--port');
				break;
			case '--host':
				o.host = val();
				break;
			case '--latency':
				o.latencyMs = num('--latency');
				break;
			case '--jitter':
				o.jitterMs = num('--jitter');
				break;
			case '--fault-rate':
				o.faults = Object.assign(o.faults || {}, { rate: num('--fault-rate') });
				break;
			case '--fault-kinds':
				o.faults = Object.assign(o.faults || { rate: 0 }, {
					kinds: val()
						.split(',')
						.map((s) => s.trim())
						.filter(Boolean),
				});
				break;
			case '--no-qps':
				o.qps = false;
				break;
			case '--no-seed':
				o.seed = false;
				break;
			case '--verbose':
				o.verbose = true;
				break;
			case '--quiet':
				o.quiet = true;
				break;
			case '--help':
			case '-h':
				o.help = true;
				break;
			default:
				throw new Error(`unknown option ${a}`);
		}
	}
	return o;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${e.message}\n${USAGE}\n`);
		process.exit(2);
	}
	if (opts.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const sb = await startSandbox(opts);
	const c = sb.credentials;
	const out = opts.quiet
		? `Sandbox listening on ${sb.url}\n`
		: [
				`Privacy-number sandbox listening on ${sb.url}`,
				'',
				'Alibaba Cloud (Dyplsapi 2017-05-25) credential:',
				`  Endpoint           ${sb.aliyunEndpoint}`,
				`  AccessKey ID       ${c.aliyun.accessKeyId}`,
				`  AccessKey Secret   ${c.aliyun.accessKeySecret}`,
				`  STS variant        ${c.aliyunSts.accessKeyId} / ${c.aliyunSts.accessKeySecret} / token ${c.aliyunSts.securityToken}`,
				'  Pools              FC100000000000001 (AXB), FC100000000000002 (AXN + AXN extension), FC100000000000003 (AXG, groups 1000001, 1000002)',
				'',
				'NXCloud PNS credential:',
				`  Base URL           ${sb.nxBaseUrl}   (also ${sb.url}/v1/api/pns/ and ${sb.url}/v1/pns/bind/<axe|axeyb|xyb>)`,
				`  Access Key         ${c.nxcloud.accessKey}`,
				`  Access Secret      ${c.nxcloud.accessSecret}`,
				`  businessId         ${sb.state.nxcloud.accounts.get(c.nxcloud.accessKey).businessId} (REST-path modes)`,
				'',
				`Inspection: GET ${sb.url}/__sandbox/stats   Calls: POST ${sb.url}/__sandbox/calls   Config: POST ${sb.url}/__sandbox/config`,
				`Knobs: latency ${opts.latencyMs || 0}±${opts.jitterMs || 0} ms, faults ${opts.faults ? JSON.stringify(sb.getConfig().faults) : 'off'}, QPS caps ${opts.qps === false ? 'off' : 'documented defaults'}`,
				'Press Ctrl+C to stop.',
				'',
			].join('\n');
	process.stdout.write(out);
	let stopping = false;
	const shutdown = async (sig) => {
		if (stopping) return;
		stopping = true;
		if (!opts.quiet) process.stdout.write(`\n${sig} received, stopping sandbox\n`);
		await sb.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e) => {
	process.stderr.write(`sandbox failed to start: ${e && e.message}\n`);
	process.exit(1);
});
