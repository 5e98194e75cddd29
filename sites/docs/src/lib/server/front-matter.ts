// The few `key: value` lines between `---` fences at the top of a content file. Deliberately small: the docs
// need a title, a description and an order, and a typo must stop the build rather than publish a page without them.
export interface FrontMatter {
	title: string;
	description: string;
	order: number;
}

const KEYS = ['title', 'description', 'order'] as const;

export function splitFrontMatter(source: string, file: string): { meta: FrontMatter; body: string } {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
	if (!match) throw new Error(`${file}: a content file starts with front matter (--- title, description, order ---).`);
	const fields = new Map<string, string>();
	for (const line of match[1].split(/\r?\n/)) {
		if (!line.trim()) continue;
		const colon = line.indexOf(':');
		const key = line.slice(0, colon).trim();
		if (colon < 0 || !(KEYS as readonly string[]).includes(key)) {
			throw new Error(`${file}: front matter line ${JSON.stringify(line)} is not one of ${KEYS.join(', ')}.`);
		}
		fields.set(key, line.slice(colon + 1).trim());
	}
	const title = fields.get('title');
	const description = fields.get('description');
	const order = Number(fields.get('order'));
	if (!title || !description || !Number.isInteger(order)) {
		throw new Error(`${file}: front matter needs a title, a description and a whole-number order.`);
	}
	return { meta: { title, description, order }, body: source.slice(match[0].length) };
}
