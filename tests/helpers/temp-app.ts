// A throwaway app under tests/apps/ (so the client-islands fixture's node_modules links resolve), with only
// the files a test gives it. Removed by `removeTempApps()` (call it in afterAll).
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './app.js';

const made: string[] = [];

/** `from`: the fixture whose links it borrows (`typecheck-ok` has svelte-check and TypeScript, and a tsconfig). */
export function makeTempApp(prefix: string, files: Record<string, string>, from = 'client-islands'): string {
	const root = fs.mkdtempSync(path.join(REPO, `tests/apps/.copy-${prefix}-`));
	made.push(root);
	const source = path.join(REPO, 'tests/apps', from);
	for (const entry of ['package.json', 'vite.config.ts', 'node_modules', 'tsconfig.json']) {
		if (!fs.existsSync(path.join(source, entry))) continue;
		fs.cpSync(path.join(source, entry), path.join(root, entry), { recursive: true, verbatimSymlinks: true });
	}
	writeFiles(root, files);
	return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
	for (const [file, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
}

export function removeTempApps(): void {
	for (const root of made.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}
