// The scale bench's table and its verdicts against issue 15's targets (figures only: nothing fails on them).
export interface ScaleRow {
	pages: number;
	/** Null with --no-build. */
	buildSeconds: number | null;
	/** Spawn → first answered request, with the key the build signed with. */
	startSeconds: number;
	/** The same, with another key: every page re-signed. */
	resignStartSeconds: number;
	rssAfterStart: number;
	/** After each page was requested once (brotli). */
	rssAfterAll: number;
	resignRssAfterStart: number;
	/** Averages over twenty pages: identity and brotli bodies. */
	htmlBytes: number;
	brotliBytes: number;
	shellCpuMicros: number;
}

export function scaleTable(rows: ScaleRow[]): string {
	const header = ['pages', 'build s', 'build ms/page', 'start s', 'start s, re-signed', 'RSS after start', 'RSS re-signed', 'RSS after every page', 'HTML B', 'br B', 'shell CPU µs/req'];
	const body = rows.map((r) => [
		r.pages.toLocaleString('en-US'),
		r.buildSeconds === null ? '—' : r.buildSeconds.toFixed(1),
		r.buildSeconds === null ? '—' : ((r.buildSeconds * 1000) / r.pages).toFixed(2),
		r.startSeconds.toFixed(2),
		r.resignStartSeconds.toFixed(2),
		mb(r.rssAfterStart),
		mb(r.resignRssAfterStart),
		mb(r.rssAfterAll),
		Math.round(r.htmlBytes).toLocaleString('en-US'),
		Math.round(r.brotliBytes).toLocaleString('en-US'),
		r.shellCpuMicros.toFixed(1)
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** One line per target: the figure, the target, ok or MISS. Growth and ratios against the smallest size. */
export function scaleVerdicts(rows: ScaleRow[]): string[] {
	const sorted = [...rows].sort((a, b) => a.pages - b.pages);
	const small = sorted[0];
	const large = sorted[sorted.length - 1];
	const lines: string[] = [];
	const mark = (pass: boolean) => (pass ? 'ok' : 'MISS');
	const perPage = (r: ScaleRow) => (r.buildSeconds === null ? null : (r.buildSeconds * 1000) / r.pages);
	const mid = sorted.find((r) => r.pages === 1000) ?? sorted[sorted.length - 2];
	if (mid && mid !== large && perPage(mid) !== null && perPage(large) !== null) {
		lines.push(`Build time per page: ${perPage(mid)!.toFixed(2)} ms at ${mid.pages}, ${perPage(large)!.toFixed(2)} ms at ${large.pages} (target: flat or better) ${mark(perPage(large)! <= perPage(mid)! * 1.1)}`);
	}
	const worstStart = Math.max(large.startSeconds, large.resignStartSeconds);
	lines.push(`Start-up with ${large.pages} pages: ${large.startSeconds.toFixed(2)} s, ${large.resignStartSeconds.toFixed(2)} s re-signed (target ≤ 3 s) ${mark(worstStart <= 3)}`);
	if (large !== small) {
		const pages = large.pages - small.pages;
		const budget = 3 * large.brotliBytes;
		for (const [label, a, b] of [
			['after start', small.rssAfterStart, large.rssAfterStart],
			['after start, re-signed', small.resignRssAfterStart, large.resignRssAfterStart],
			['after every page was served', small.rssAfterAll, large.rssAfterAll]
		] as const) {
			const growth = (b - a) / pages;
			lines.push(`RSS growth per page ${label}: ${Math.round(growth).toLocaleString('en-US')} B (target ≤ 3 × ${Math.round(large.brotliBytes)} B brotli = ${Math.round(budget)} B) ${mark(growth <= budget)}`);
		}
		const ratio = large.shellCpuMicros / small.shellCpuMicros;
		lines.push(`Shell CPU per request: ${small.shellCpuMicros.toFixed(1)} µs at ${small.pages}, ${large.shellCpuMicros.toFixed(1)} µs at ${large.pages}: ${ratio.toFixed(2)}× (target: unchanged, here ≤ 1.25× given the machine's noise) ${mark(ratio <= 1.25)}`);
	}
	return lines;
}

function mb(bytes: number): string {
	return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
