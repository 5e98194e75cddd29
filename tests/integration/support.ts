// Shared by the integration suites: the fixture apps, starting one in either mode, bounded fetches.
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { REPO, buildApp, startBuilt, startDev, type RunningApp } from '../helpers/app.js';

export const BASIC = path.join(REPO, 'tests/apps/basic');
export const PREFIX = path.join(REPO, 'tests/apps/prefix');

export type Mode = 'dev' | 'built';
export const MODES: Mode[] = ['dev', 'built'];

/** Long enough for `mochi build` plus a server start. */
export const START_TIMEOUT = 120_000;

/** Dev: the Vite dev server in this process. Built: `mochi build`, then `node build` as a child process. */
export async function startApp(mode: Mode, root: string): Promise<RunningApp> {
	if (mode === 'dev') return startDev(root);
	await buildApp(root);
	return startBuilt(root);
}

/**
 * Start `root` in `mode` before the suite's tests and stop it after them. The returned app stands
 * for the running one, so tests and later `beforeAll` hooks use it directly.
 */
export function useApp(mode: Mode, root: string): RunningApp {
	let current: RunningApp | undefined;
	beforeAll(async () => {
		current = await startApp(mode, root);
	}, START_TIMEOUT);
	afterAll(async () => {
		await current?.stop();
	});
	const running = () => current ?? raise(new Error(`${root} has not started (is this used outside a test?)`));
	return { get url() { return running().url; }, output: () => running().output(), stop: async () => current?.stop() };
}

function raise(error: Error): never {
	throw error;
}

export interface Fetched {
	response: Response;
	status: number;
	headers: Headers;
	body: string;
}

/** `fetch` with redirects left alone and a bounded wait; the body is read as text. */
export async function get(app: RunningApp, pathname: string, init: RequestInit = {}): Promise<Fetched> {
	const response = await fetch(app.url + pathname, {
		redirect: 'manual',
		signal: AbortSignal.timeout(10_000),
		...init
	});
	const body = await response.text();
	return { response, status: response.status, headers: response.headers, body };
}

/** The island's URL for a page's token, as the browser runtime builds it. */
export function islandPath(name: string, token: string, prefix = '/_mochi'): string {
	return `${prefix}/island/${encodeURIComponent(name)}?p=${encodeURIComponent(token)}`;
}

/** Every island name on a page, in order. */
export function islandNames(html: string): string[] {
	return [...html.matchAll(/<mochi-island[^>]*\bname="([^"]+)"/g)].map((match) => match[1]);
}

/** The `Set-Cookie` line for `name`, or undefined. */
export function setCookie(headers: Headers, name: string): string | undefined {
	return headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}
