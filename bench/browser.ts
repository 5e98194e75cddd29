// `pnpm --filter mochi-bench bench:browser`: only the Chromium table of `pnpm bench` (run.ts), on the same demo
// copy (streaming on), without the load scenarios around it: one cold load per page, `--runs=N` times.
// `--no-build` reuses the copy a previous run built.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoCopy, demoCopyRoot, startMochi } from './lib/servers.js';
import { chromiumPath, measureInBrowser } from './lib/browser.js';
import { browserTable } from './lib/report.js';

const { values: args } = parseArgs({
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: { 'no-build': { type: 'boolean' }, runs: { type: 'string' } }
});
const RUNS = Number(args.runs ?? 3);
/** The visitor of run.ts: signed in, two items in the cart. */
const COOKIES = { demo_user: 'Ada', demo_cart: 'matcha,kinako' };
const log = (line: string) => console.log(line);

if (!chromiumPath()) throw new Error('Chromium not found at /usr/bin/chromium (set CHROMIUM_PATH)');
const copy = demoCopyRoot({ stream: true });
const root = args['no-build'] && fs.existsSync(path.join(copy, 'build/index.js')) ? copy : await buildDemoCopy(log, { stream: true });
const server = await startMochi(root);
try {
	for (let run = 1; run <= RUNS; run++) {
		const pages = await measureInBrowser(server.url, ['/', '/products/matcha'], COOKIES);
		log(`\nChromium, cold load ${run}/${RUNS} (ms from navigation start)\n` + browserTable(pages));
	}
} finally {
	await server.stop();
}
