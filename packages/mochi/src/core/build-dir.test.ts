import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { BUILD_DIR_KEY, afterFailedBuild, buildDirOf, freshBuildDir, isCompleteBuild, swapInBuild } from './build-dir.js';

const roots: string[] = [];
function app(): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-build-dir-'));
	roots.push(root);
	return root;
}
afterEach(() => {
	for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function writeBuild(dir: string, marker: string) {
	for (const file of ['index.js', 'server/manifest.json', 'server/app.js']) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), marker);
	}
}

describe('build-dir', () => {
	it('builds into the folder named in the inline config, else build/', () => {
		expect(buildDirOf({ [BUILD_DIR_KEY]: '/tmp/x' }, '/app')).toBe('/tmp/x');
		expect(buildDirOf({}, '/app')).toBe(path.join('/app', 'build'));
		expect(buildDirOf({ [BUILD_DIR_KEY]: 42 }, '/app')).toBe(path.join('/app', 'build'));
	});

	it('swaps a finished build in for the old one and leaves nothing else behind', () => {
		const root = app();
		const out = path.join(root, 'build');
		writeBuild(out, 'old');
		const next = freshBuildDir(root);
		expect(path.dirname(next)).toBe(path.join(root, '.mochi'));
		writeBuild(next, 'new');
		swapInBuild(next, out);
		expect(fs.readFileSync(path.join(out, 'server/app.js'), 'utf8')).toBe('new');
		expect(fs.existsSync(path.join(root, '.mochi'))).toBe(false);
	});

	it('swaps in the first build when there was none', () => {
		const root = app();
		const next = freshBuildDir(root);
		writeBuild(next, 'first');
		swapInBuild(next, path.join(root, 'build'));
		expect(isCompleteBuild(path.join(root, 'build'))).toBe(true);
	});

	it('after a failure, keeps a complete earlier build untouched and removes the unfinished one', () => {
		const root = app();
		const out = path.join(root, 'build');
		writeBuild(out, 'good');
		const next = freshBuildDir(root);
		fs.mkdirSync(path.join(next, 'client'));
		fs.writeFileSync(path.join(root, '.mochi', 'check-mirror'), 'another tool');
		expect(afterFailedBuild(next, out)).toBe('kept');
		expect(fs.existsSync(next)).toBe(false);
		expect(fs.readdirSync(path.join(root, '.mochi'))).toEqual(['check-mirror']);
		expect(fs.readFileSync(path.join(out, 'server/app.js'), 'utf8')).toBe('good');
	});

	it('after a failure with no complete build (none, or half of one), leaves an entry that refuses clearly', () => {
		for (const setup of [() => {}, (out: string) => fs.mkdirSync(path.join(out, 'server'), { recursive: true })]) {
			const root = app();
			const out = path.join(root, 'build');
			setup(out);
			expect(afterFailedBuild(freshBuildDir(root), out)).toBe('refusing');
			expect(fs.readdirSync(out)).toEqual(['index.js']);
			let failure: { status?: number; stderr?: Buffer } = {};
			try {
				execFileSync(process.execPath, [out], { stdio: 'pipe', timeout: 30_000 });
			} catch (error) {
				failure = error as typeof failure;
			}
			expect(failure.status).toBe(1);
			expect(String(failure.stderr)).toContain('the last `mochi build` failed');
			expect(String(failure.stderr)).toContain('run `mochi build` again');
		}
	});
});
