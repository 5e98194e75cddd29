// An app's own vitest run loads .env and .env.test into process.env, as dev and build load theirs, and a
// variable of the real environment still wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/app.js';
import { vitestRun } from '../testing/run-vitest.js';

const FIXTURE = path.join(REPO, 'tests/apps/component-tests');
let root: string;

beforeAll(() => {
	root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.env-vitest-'));
	fs.cpSync(path.join(FIXTURE, 'node_modules'), path.join(root, 'node_modules'), { recursive: true, verbatimSymlinks: true });
	for (const file of ['package.json', 'vite.config.ts']) fs.copyFileSync(path.join(FIXTURE, file), path.join(root, file));
	fs.writeFileSync(path.join(root, '.env'), 'ENV_VITEST_BASE=from-dotenv\nENV_VITEST_MODE=base\nENV_VITEST_REAL=from-file\n');
	fs.writeFileSync(path.join(root, '.env.test'), 'ENV_VITEST_MODE=from-test-mode\n');
	fs.writeFileSync(path.join(root, '.env.development'), 'ENV_VITEST_MODE=from-development\n');
	fs.mkdirSync(path.join(root, 'src/lib'), { recursive: true });
	fs.writeFileSync(
		path.join(root, 'src/lib/env.test.ts'),
		`import { expect, test } from 'vitest';

test('reads .env and .env.test', () => {
	expect([process.env.ENV_VITEST_BASE, process.env.ENV_VITEST_MODE]).toEqual(['from-dotenv', 'from-test-mode']);
});

test('keeps the real environment over the files', () => {
	expect(process.env.ENV_VITEST_REAL).toBe('from-real-env');
});
`
	);
});

afterAll(() => {
	if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('.env in an app’s own vitest run', () => {
	it('is in process.env, mode test, the real environment winning', async () => {
		process.env.ENV_VITEST_REAL = 'from-real-env';
		try {
			const { tests, success } = await vitestRun(root);
			expect(tests).toEqual([
				['src/lib/env.test.ts', 'keeps the real environment over the files', 'passed', ''],
				['src/lib/env.test.ts', 'reads .env and .env.test', 'passed', '']
			]);
			expect(success).toBe(true);
		} finally {
			delete process.env.ENV_VITEST_REAL;
		}
	}, 150_000);
});
