// Instructions per request, free of the machine's noise: runs micro-app.js --count under valgrind's callgrind
// at two request counts and divides the difference of the totals by the difference of the counts (start-up,
// import and warm-up cancel out). Usage: node bench/micro-instructions.js [--only=visitor] [--hook] [--low=300] [--high=900]
// Needs valgrind (Debian: apt-get install valgrind) and a built copy (run `pnpm bench` once). Slow: 1–2 min per run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('./micro-app.js', import.meta.url));
/** @param {string} name @param {string | number} fallback */
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const only = arg('only', 'visitor');
const hook = process.argv.includes('--hook');
const [low, high] = [Number(arg('low', 300)), Number(arg('high', 900))];

/** Total instructions of one run of micro-app.js serving `n` requests of the scenario. @param {number} n */
function collected(n) {
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-callgrind-')), 'out');
	// --smc-check and JIT: V8 rewrites its own code; callgrind must see it to count it.
	const args = ['--tool=callgrind', '--smc-check=all', `--callgrind-out-file=${out}`, process.execPath, app, '--count', `--only=${only}`, `--n=${n}`, ...(hook ? ['--hook'] : [])];
	const log = execFileSync('valgrind', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
	const text = fs.readFileSync(out, 'utf8');
	fs.rmSync(path.dirname(out), { recursive: true, force: true });
	const total = /^summary: (\d+)/m.exec(text) ?? /^totals: (\d+)/m.exec(text);
	if (!total) throw new Error(`no instruction total in callgrind's output\n${log}`);
	return Number(total[1]);
}

const a = collected(low);
const b = collected(high);
console.log(`${only}${hook ? ' (with a trivial hook)' : ''}: ${Math.round((b - a) / (high - low)).toLocaleString('en')} instructions per request (callgrind, ${low} vs ${high} requests)`);
