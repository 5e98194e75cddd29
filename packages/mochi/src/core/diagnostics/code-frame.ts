// A code frame over the source the user wrote: two lines before, the line itself with a caret under the
// column, two after. Svelte's layout (`12: code`), which vite-plugin-svelte prints for warnings and turns
// into Vite's (` 12 | code`) for the overlay; `vite` gives that layout directly, for errors Mochi raises.

export interface FramePoint {
	/** 1-based. */
	line: number;
	/** 0-based, as Svelte and Rollup count. */
	column: number;
}

export function codeFrame(source: string, at: FramePoint, style: 'svelte' | 'vite' = 'svelte'): string {
	const lines = source.split('\n');
	const index = Math.min(Math.max(at.line - 1, 0), lines.length - 1);
	const first = Math.max(0, index - 2);
	const last = Math.min(index + 3, lines.length);
	const digits = String(last).length;
	const out: string[] = [];
	for (let i = first; i < last; i++) {
		const number = String(i + 1).padStart(digits, ' ');
		const text = tabsToSpaces(lines[i].replace(/\r$/, ''));
		const gutter = style === 'svelte' ? `${number}: ` : ` ${number} | `;
		out.push(gutter + text);
		if (i === index) {
			const before = tabsToSpaces(lines[i].slice(0, Math.max(at.column, 0))).length;
			const blank = style === 'svelte' ? ' '.repeat(digits + 2) : ` ${' '.repeat(digits)} | `;
			out.push(blank + ' '.repeat(before) + '^');
		}
	}
	return out.join('\n');
}

/** Leading tabs as two spaces each, as Svelte's frames show them (a tab's width is the terminal's guess). */
function tabsToSpaces(text: string): string {
	return text.replace(/^\t+/, (tabs) => '  '.repeat(tabs.length));
}
