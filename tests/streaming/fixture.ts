// The streaming test app (tests/apps/streaming), built and served by `node build` or by the Vite dev server.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { REPO, startDev, startInMode, type RunningApp } from '../helpers/app.js';

export const APP = path.join(REPO, 'tests/apps/streaming');

export interface StreamingApp {
	readonly mode: 'built' | 'dev';
	readonly url: string;
	output(): string;
}

/** Starts the app for the file's tests; `configFile`: dev only (a built app has one config). */
export function useStreamingApp(mode: 'built' | 'dev', root = APP, configFile?: string): StreamingApp {
	let app: RunningApp | undefined;
	beforeAll(async () => {
		app = configFile ? await startDev(root, { configFile }) : await startInMode(root, mode);
	}, 180_000);
	afterAll(async () => {
		await app?.stop();
	});
	return {
		mode,
		get url() {
			return app!.url;
		},
		output: () => app!.output()
	};
}

/** A gate name no other test uses: islands waiting on it render only once the test releases it. */
export function newGate(): string {
	return `g${randomBytes(6).toString('hex')}`;
}

export async function release(app: StreamingApp, gate: string): Promise<void> {
	const response = await fetch(`${app.url}/api/release?gate=${gate}`);
	if (!response.ok) throw new Error(`release ${gate}: ${response.status}`);
}
