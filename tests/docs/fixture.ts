// The docs site (sites/docs) built with `mochi build` and served by `node build` as production runs it, once
// per test file, plus the list of pages its content files promise.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, REPO, startBuilt, type RunningApp } from '../helpers/app.js';

export const DOCS = path.join(REPO, 'sites/docs');
export const CONTENT = path.join(DOCS, 'content');

/** `/guide/routing` for content/guide/routing.md: one page per content file, plus the home and search pages. */
export function contentUrls(section?: 'guide' | 'reference'): string[] {
	const sections = section ? [section] : ['guide', 'reference'];
	return sections.flatMap((name) =>
		readdirSync(path.join(CONTENT, name))
			.filter((file) => file.endsWith('.md'))
			.map((file) => `/${name}/${file.slice(0, -'.md'.length)}`)
	);
}

export interface Docs {
	readonly url: string;
	readonly app: RunningApp;
	/** What `mochi build` printed. */
	readonly buildOutput: string;
}

/** Registers beforeAll/afterAll hooks that build and start the docs; use inside a test file. */
export function useBuiltDocs(): Docs {
	let app: RunningApp | undefined;
	let buildOutput = '';
	beforeAll(async () => {
		const env = { MOCHI_KEY: randomBytes(32).toString('base64url'), NODE_ENV: 'production' };
		buildOutput = await buildApp(DOCS, env);
		app = await startBuilt(DOCS, env);
	}, 180_000);
	afterAll(async () => {
		await app?.stop();
	});
	return {
		get url() {
			return app!.url;
		},
		get app() {
			return app!;
		},
		get buildOutput() {
			return buildOutput;
		}
	};
}
