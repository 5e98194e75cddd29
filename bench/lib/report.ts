// Plain-text tables for the terminal. The same numbers go to results/latest.json.
import type { PageBytes } from './bytes.js';
import type { PageTiming } from './browser.js';
import type { ProfileSummary } from './profile.js';

export interface Measured {
	requestsPerSecond: number;
	p50: number;
	p99: number;
	cpuMicrosPerRequest: number;
	/** The same, split: user space and kernel. */
	userMicrosPerRequest: number;
	systemMicrosPerRequest: number;
	requests: number;
	/** Responses that were not the expected status (errors and timeouts too). */
	unexpected: number;
	/** Resident memory of the server (bytes): after the warm-up, highest while measured, at the end. */
	rss: { afterWarmup: number; peak: number; end: number };
}

export interface ScenarioResult {
	id: string;
	label: string;
	request: string;
	mochi: Measured;
	floor?: Measured & { request: string };
	/** floor-bare: render() alone (no AsyncLocalStorage, no cookies). */
	bare?: Measured & { request: string };
	ratio?: number;
	bareRatio?: number;
	target?: number;
	bareTarget?: number;
	pass?: boolean;
}

export function table(rows: string[][], align: Array<'l' | 'r'>): string {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
	return rows
		.map((row, r) => {
			const line = row.map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
			return r === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
		})
		.join('\n');
}

const n = (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : '—');
const mark = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? 'ok' : 'MISS');

export function scenarioTable(results: ScenarioResult[]): string {
	const rows = [['scenario', 'request', 'req/s', 'p50', 'p99', 'CPU µs/req', 'user+sys', 'floor µs/req', 'ratio', 'target', 'bare µs/req', 'ratio', 'target', '']];
	for (const r of results) {
		rows.push([
			r.label,
			r.request,
			n(r.mochi.requestsPerSecond),
			ms(r.mochi.p50),
			ms(r.mochi.p99),
			n(r.mochi.cpuMicrosPerRequest),
			split(r.mochi),
			r.floor ? n(r.floor.cpuMicrosPerRequest) : '—',
			r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}×`,
			r.target === undefined ? '—' : `≤ ${r.target}×`,
			r.bare ? n(r.bare.cpuMicrosPerRequest) : '—',
			r.bareRatio === undefined ? '—' : `${r.bareRatio.toFixed(2)}×`,
			r.bareTarget === undefined ? '—' : `≤ ${r.bareTarget}×`,
			mark(r.pass) + (r.mochi.unexpected ? ` (${r.mochi.unexpected} unexpected responses)` : '')
		]);
	}
	for (const [name, of] of [['floor', (r: ScenarioResult) => r.floor], ['floor-bare', (r: ScenarioResult) => r.bare]] as const) {
		for (const r of results) {
			const f = of(r);
			if (!f) continue;
			rows.push([
				`  ${name} ${r.label.slice(0, r.label.indexOf(')') + 1)}`,
				f.request,
				n(f.requestsPerSecond),
				ms(f.p50),
				ms(f.p99),
				n(f.cpuMicrosPerRequest),
				split(f),
				'',
				'',
				'',
				'',
				'',
				'',
				f.unexpected ? `(${f.unexpected} unexpected responses)` : ''
			]);
		}
	}
	return table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'l', 'l']);
}

const split = (m: Measured) => `${n(m.userMicrosPerRequest)}+${n(m.systemMicrosPerRequest)}`;

export function bytesTable(pages: PageBytes[]): string {
	const rows = [['page', 'HTML raw', 'HTML gz', 'HTML sent', 'JS files', 'JS raw', 'JS gz', 'JS br', 'runtime gz', 'enhance gz', 'scripts']];
	// The island runtime alone, and the enhanced-forms entry with its refresh chunk (only on pages with an enhanced form).
	const gz = (p: PageBytes, pattern: RegExp) => n(p.js.filter((f) => pattern.test(f.path.split('/').pop()!)).reduce((sum, f) => sum + f.gzip, 0));
	for (const p of pages) {
		rows.push([
			`${p.page}${p.status === 200 ? '' : ` (${p.status})`}`,
			n(p.html.raw),
			n(p.html.gzip),
			`${n(p.html.sent)} ${p.html.served === 'identity' ? 'plain' : p.html.served}`,
			String(p.js.length),
			n(p.jsRaw),
			n(p.jsGzip),
			n(p.jsBrotli),
			gz(p, /^runtime-/),
			gz(p, /^(enhance|refresh)-/),
			p.js.map((f) => f.path.split('/').pop()).join(' ') || '(none)'
		]);
	}
	return table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']);
}

/**
 * One row per island: `− response` is its event minus its own response end (issue 14's target for the prerendered
 * `/`: ≤ 20 ms); `− both` minus the later of that and the runtime's arrival (it can't show before either).
 */
export function browserTable(pages: PageTiming[]): string {
	const rows = [['page', 'island', 'event', 'fetch start', 'response end', 'event at', '− response', '− both', 'DOMContentLoaded']];
	for (const p of pages) {
		const runtime = p.runtime ? `runtime ${ms(p.runtime.start)} → ${ms(p.runtime.end)}` : 'no runtime';
		const css = p.css ? `, css ${ms(p.css.start)} → ${ms(p.css.end)}` : '';
		rows.push([p.page, `(document: response end ${ms(p.responseEnd)}, ${runtime}${css})`, '', '', '', '', '', '', ms(p.domContentLoaded)]);
		for (const island of p.islands) {
			const end = island.responseEnd ?? NaN;
			const both = Math.max(end, p.runtime?.end ?? NaN);
			rows.push(['', island.name, island.event.replace('mochi:island-', ''), ms(island.fetchStart ?? NaN), ms(end), ms(island.at), ms(island.at - end), ms(island.at - both), '']);
		}
	}
	return table(rows, ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r']);
}

/** `cpuPerRequest`: µs of user CPU per request that /proc measured over the profiled window. */
export function profileTable(summary: ProfileSummary, cpuPerRequest: number): string {
	const perRequest = (share: number) => (share * cpuPerRequest).toFixed(1);
	const areaRows = [['area (self time)', 'share', 'µs/req']];
	for (const a of summary.areas) areaRows.push([a.area, `${(a.share * 100).toFixed(1)}%`, perRequest(a.share)]);
	const selfRows = [['function (self time)', 'where', 'share', 'µs/req']];
	for (const f of summary.self) selfRows.push([f.name, f.where, `${(f.share * 100).toFixed(1)}%`, perRequest(f.share)]);
	const inclusiveRows = [['function (inclusive)', 'where', 'share', 'µs/req']];
	for (const f of summary.inclusive) inclusiveRows.push([f.name, f.where, `${(f.share * 100).toFixed(1)}%`, perRequest(f.share)]);
	return [
		table(areaRows, ['l', 'r', 'r']),
		table(selfRows, ['l', 'l', 'r', 'r']),
		table(inclusiveRows, ['l', 'l', 'r', 'r'])
	].join('\n\n');
}
