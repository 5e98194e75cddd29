// Shared by the integration suites: the fixture apps, starting one in either mode, bounded fetches.
import path from 'node:path';
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
