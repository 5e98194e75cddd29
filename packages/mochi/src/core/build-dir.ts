import fs from 'node:fs';
import path from 'node:path';

/**
 * The key of Vite's inline config through which `mochi build` tells mochi:config and mochi:css where to
 * write: a fresh folder beside `build/` (in `.mochi/`, on the same disk), renamed into place only once the
 * whole build has worked, so a failed build never leaves half of one where `node build` looks.
 */
export const BUILD_DIR_KEY = 'mochiBuildDir';

/** Where this build writes: the folder `mochi build` named in the inline config, or the app's `build/`. */
export function buildDirOf(config: object, root: string): string {
	const named = (config as { [BUILD_DIR_KEY]?: unknown })[BUILD_DIR_KEY];
	return typeof named === 'string' ? named : path.join(root, 'build');
}

/** A new, empty folder to build into, beside the app's other tool folders. */
export function freshBuildDir(root: string): string {
	const parent = path.join(root, '.mochi');
	fs.mkdirSync(parent, { recursive: true });
	return fs.mkdtempSync(path.join(parent, 'build-'));
}

/**
 * Put a finished build in place of `out`. Two renames on one disk: `out` is the old build or the new one
 * at every moment but the instant between them, and the old one is deleted only after.
 */
export function swapInBuild(next: string, out: string): void {
	const old = fs.existsSync(out) ? `${next}-previous` : null;
	if (old) fs.renameSync(out, old);
	try {
		fs.renameSync(next, out);
	} catch (error) {
		if (old) fs.renameSync(old, out);
		throw error;
	}
	if (old) fs.rmSync(old, { recursive: true, force: true });
	removeIfEmpty(path.dirname(next));
}

/** Whether `dir` holds a complete build: what `node build` reads first (node/serve-build.ts). */
export function isCompleteBuild(dir: string): boolean {
	return ['index.js', 'server/manifest.json', 'server/app.js'].every((file) => fs.existsSync(path.join(dir, file)));
}

/**
 * After a failed build: a complete earlier build stays as it was; otherwise `out` becomes an entry that
 * refuses to start with what to do, rather than `node build` failing on a missing module.
 */
export function afterFailedBuild(next: string, out: string): 'kept' | 'refusing' {
	fs.rmSync(next, { recursive: true, force: true });
	removeIfEmpty(path.dirname(next));
	if (isCompleteBuild(out)) return 'kept';
	fs.rmSync(out, { recursive: true, force: true });
	fs.mkdirSync(out, { recursive: true });
	fs.writeFileSync(path.join(out, 'index.js'), REFUSING_ENTRY);
	return 'refusing';
}

/** `.mochi/` is shared with `mochi check`: removed only when the build was its sole user. */
function removeIfEmpty(dir: string): void {
	try {
		fs.rmdirSync(dir);
	} catch {
		// Not empty, or already gone.
	}
}

const REFUSING_ENTRY =
	'// Written by `mochi build` when a build failed with no earlier build to keep: there is nothing to serve.\n' +
	"console.error('mochi: there is no build to serve: the last `mochi build` failed. Fix the error it printed, then run `mochi build` again.');\n" +
	'process.exitCode = 1;\n';
