// What `mochi check` learns from the client build: code a client island would run in the browser that
// can't work there (getRequestContext(), a server-only module). The build's own plugins find it by
// walking its module graph (core/plugins/import-chain.ts); here they report it instead of failing.
import fs from 'node:fs';
import path from 'node:path';
import { BUILD_DIR_KEY } from '../build-dir.js';
import { FINDINGS_KEY, type BrowserFinding } from '../plugins/browser-findings.js';
import type { Diagnostic } from './diagnostics.js';

/**
 * Run the app's client build in memory (written nowhere: `write: false`, into a throwaway folder) and
 * return its findings as diagnostics. A build that fails for another reason (a directive error, a syntax
 * error) gives none here: the preprocessor and svelte-check report those themselves.
 */
export async function browserGraphDiagnostics(root: string): Promise<Diagnostic[]> {
	const findings: BrowserFinding[] = [];
	const parent = path.join(root, '.mochi');
	fs.mkdirSync(parent, { recursive: true });
	const out = fs.mkdtempSync(path.join(parent, 'check-build-'));
	const { build } = await import('vite');
	// Vite sets NODE_ENV for a build; the rest of `mochi check` shouldn't inherit it.
	const nodeEnv = process.env.NODE_ENV;
	try {
		await build({
			root,
			mode: 'production',
			logLevel: 'silent',
			build: { write: false },
			[BUILD_DIR_KEY]: out,
			[FINDINGS_KEY]: (found: BrowserFinding[]) => findings.push(...found)
		} as Parameters<typeof build>[0]);
	} catch {
		// Reported by the other checks (see above).
	} finally {
		if (nodeEnv === undefined) delete process.env.NODE_ENV;
		else process.env.NODE_ENV = nodeEnv;
		fs.rmSync(out, { recursive: true, force: true });
	}
	return findings.map((finding) => ({
		severity: 'error',
		file: finding.file,
		line: finding.line,
		column: finding.column,
		message: finding.message,
		source: 'mochi'
	}));
}
