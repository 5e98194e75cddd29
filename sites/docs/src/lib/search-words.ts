// The search itself: runs in the browser, inside the Search island. Every word of the query must occur in
// the entry; a title beats a heading beats the text. No service, no index server: the entries are props.
export interface SearchEntry {
	title: string;
	heading: string;
	url: string;
	text: string;
}

export interface Hit {
	entry: SearchEntry;
	/** A few words of the text around the first match. */
	excerpt: string;
}

export function search(entries: SearchEntry[], query: string, limit = 20): Hit[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return [];
	const scored: Array<{ hit: Hit; score: number }> = [];
	for (const entry of entries) {
		const title = entry.title.toLowerCase();
		const heading = entry.heading.toLowerCase();
		const text = entry.text.toLowerCase();
		let score = 0;
		for (const word of words) {
			const points = (title.includes(word) ? 4 : 0) + (heading.includes(word) ? 3 : 0) + (text.includes(word) ? 1 : 0);
			if (points === 0) {
				score = 0;
				break;
			}
			score += points;
		}
		if (score > 0) scored.push({ hit: { entry, excerpt: excerpt(entry.text, text.indexOf(words[0])) }, score });
	}
	return scored.sort((a, b) => b.score - a.score).slice(0, limit).map(({ hit }) => hit);
}

function excerpt(text: string, at: number): string {
	if (at < 0) return text.slice(0, 140);
	const start = Math.max(0, at - 60);
	return (start > 0 ? '…' : '') + text.slice(start, start + 160) + (start + 160 < text.length ? '…' : '');
}
