import type { ResolvedConfig, UserConfig } from 'vite';

/** A problem with what the browser would run, found in the client build's module graph. */
export interface BrowserFinding {
	/** Absolute path of the app's file at fault. */
	file: string;
	/** 1-based. */
	line: number;
	column: number;
	message: string;
}

/**
 * The key of Vite's inline config through which `mochi check` (core/check/browser-graph.ts) takes the
 * client build's findings as diagnostics; without it, they fail the build.
 */
export const FINDINGS_KEY = 'mochiBrowserFindings';

export type FindingsReporter = (findings: BrowserFinding[]) => void;

export function findingsReporter(config: UserConfig | ResolvedConfig): FindingsReporter | null {
	const reporter = (config as { [FINDINGS_KEY]?: unknown })[FINDINGS_KEY];
	return typeof reporter === 'function' ? (reporter as FindingsReporter) : null;
}
