// What grew between two V8 heap snapshots (.heapsnapshot, as node --heapsnapshot-signal writes them):
// objects grouped by type and constructor name (strings and code by type alone), the difference in count
// and in self size, largest growth first. Enough to tell "Map entries of a cache" from "compiled code".
import fs from 'node:fs';

interface Group {
	count: number;
	size: number;
}

function groups(file: string): Map<string, Group> {
	const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as {
		snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
		nodes: number[];
		strings: string[];
	};
	const fields = snapshot.snapshot.meta.node_fields;
	const types = snapshot.snapshot.meta.node_types[0];
	const width = fields.length;
	const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
	const out = new Map<string, Group>();
	for (let i = 0; i < snapshot.nodes.length; i += width) {
		const type = types[snapshot.nodes[i + typeAt]];
		// Strings and code are named by their content: grouped by type, or every string is its own group.
		const named = type === 'object' || type === 'closure' || type === 'native';
		const key = named ? `${type} ${snapshot.strings[snapshot.nodes[i + nameAt]].slice(0, 60)}` : `(${type})`;
		const group = out.get(key) ?? { count: 0, size: 0 };
		group.count += 1;
		group.size += snapshot.nodes[i + sizeAt];
		out.set(key, group);
	}
	return out;
}

/** A table of the `top` groups whose self size grew most from `before` to `after`, and the totals. */
export function diffHeapSnapshots(before: string, after: string, top: number): string {
	const a = groups(before);
	const b = groups(after);
	const rows = [...new Set([...a.keys(), ...b.keys()])].map((key) => {
		const x = a.get(key) ?? { count: 0, size: 0 };
		const y = b.get(key) ?? { count: 0, size: 0 };
		return { key, count: y.count - x.count, size: y.size - x.size, sizeAfter: y.size };
	});
	rows.sort((p, q) => q.size - p.size);
	const total = (m: Map<string, Group>) => [...m.values()].reduce((s, g) => s + g.size, 0);
	const kb = (n: number) => `${n >= 0 ? '+' : ''}${(n / 1024).toFixed(0)} KB`;
	const lines = [`total self size ${(total(a) / 2 ** 20).toFixed(1)} → ${(total(b) / 2 ** 20).toFixed(1)} MB`, 'Δ size     Δ count   group'];
	for (const r of rows.slice(0, top)) lines.push(`${kb(r.size).padStart(9)}  ${String(r.count >= 0 ? `+${r.count}` : r.count).padStart(9)}   ${r.key}`);
	return lines.join('\n');
}
