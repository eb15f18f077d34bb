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

/** `--flag value` or `--flag=value`. */
function splitFlag(arg) {
	const eq = arg.indexOf('=');
	return eq === -1 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function parseArgs(argv) {
	const options = { port: 18080 };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inlineValue] = splitFlag(arg);
		const value = () => {
			if (inlineValue !== undefined) return inlineValue;
			if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
			return argv[++i];
		};
		const number = () => {
			const parsed = Number(value());
			if (!Number.isFinite(parsed) || parsed < 0) {
				throw new Error(`${flag} must be a non-negative number`);
			}
			return parsed;
		};
		switch (flag) {
			case '--port':
				options.port = number();
				break;
			case '--host':
				options.host = value();
				break;
			case '--latency':
				options.latencyMs = number();
				break;
			case '--jitter':
				options.jitterMs = number();
				break;
			case '--fault-rate':
				options.faults = Object.assign(options.faults || {}, { rate: number() });
				break;
			case '--fault-kinds': {
				const kinds = value()
					.split(',')
					.map((kind) => kind.trim())
					.filter(Boolean);
				options.faults = Object.assign(options.faults || { rate: 0 }, { kinds });
				break;
			}
			case '--no-qps':
				options.qps = false;
				break;
			case '--no-seed':
				options.seed = false;
				break;
			case '--verbose':
				options.verbose = true;
				break;
			case '--quiet':
				options.quiet = true;
				break;
			case '--help':
			case '-h':
				options.help = true;
				break;
			default:
				throw new Error(`unknown option ${arg}`);
		}
	}
	return options;
}

/** What is printed at start: the URL, the credentials to paste into n8n and the knobs. */
function banner(sandbox, options) {
	const { aliyun, aliyunSts, nxcloud } = sandbox.credentials;
	const { url } = sandbox;
	const businessId = sandbox.state.nxcloud.accounts.get(nxcloud.accessKey).businessId;
	const pools =
		'FC100000000000001 (AXB), FC100000000000002 (AXN + AXN extension), ' +
		'FC100000000000003 (AXG, groups 1000001, 1000002)';
	const sts =
		`${aliyunSts.accessKeyId} / ${aliyunSts.accessKeySecret} / ` +
		`token ${aliyunSts.securityToken}`;
	const nxPaths = `(also ${url}/v1/api/pns/ and ${url}/v1/pns/bind/<axe|axeyb|xyb>)`;
	const endpoints =
		`Inspection: GET ${url}/__sandbox/stats   Calls: POST ${url}/__sandbox/calls   ` +
		`Config: POST ${url}/__sandbox/config`;
	const latency = `${options.latencyMs || 0}±${options.jitterMs || 0} ms`;
	const faults = options.faults ? JSON.stringify(sandbox.getConfig().faults) : 'off';
	const qps = options.qps === false ? 'off' : 'documented defaults';
	return [
		`Privacy-number sandbox listening on ${url}`,
		'',
		'Alibaba Cloud (Dyplsapi 2017-05-25) credential:',
		`  Endpoint           ${sandbox.aliyunEndpoint}`,
		`  AccessKey ID       ${aliyun.accessKeyId}`,
		`  AccessKey Secret   ${aliyun.accessKeySecret}`,
		`  STS variant        ${sts}`,
		`  Pools              ${pools}`,
		'',
		'NXCloud PNS credential:',
		`  Base URL           ${sandbox.nxBaseUrl}   ${nxPaths}`,
		`  Access Key         ${nxcloud.accessKey}`,
		`  Access Secret      ${nxcloud.accessSecret}`,
		`  businessId         ${businessId} (REST-path modes)`,
		'',
		endpoints,
		`Knobs: latency ${latency}, faults ${faults}, QPS caps ${qps}`,
		'Press Ctrl+C to stop.',
		'',
	].join('\n');
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n${USAGE}\n`);
		process.exit(2);
	}
	if (opts.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const sandbox = await startSandbox(opts);
	const out = opts.quiet ? `Sandbox listening on ${sandbox.url}\n` : banner(sandbox, opts);
	process.stdout.write(out);
	let stopping = false;
	const shutdown = async (signal) => {
		if (stopping) return;
		stopping = true;
		if (!opts.quiet) process.stdout.write(`\n${signal} received, stopping sandbox\n`);
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
	process.stderr.write(`sandbox failed to start: ${error && error.message}\n`);
	process.exit(1);
});
