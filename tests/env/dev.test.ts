// `mochi dev` as a user starts it (the CLI, in its own process): on the port PORT names, with the app's .env
// files in process.env for server code, the real environment winning, and nothing but VITE_ values in what
// the browser gets. A taken port or a bad PORT is a one-line error, not another port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { stopChild } from '../helpers/app.js';
import { exitCode as exited, freePort, mochiDev, untilServing } from '../helpers/dev-cli.js';
import { PUBLIC, SECRET, writeEnvApp } from './app.js';

const fetchText = async (url: string) => {
	const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
	return { status: response.status, text: await response.text() };
};

let root: string;
let port: number;
let dev: ReturnType<typeof mochiDev>;
let url: string;

beforeAll(async () => {
	root = writeEnvApp();
	port = await freePort();
	// Set in the real environment too: that value must win over the file's.
	dev = mochiDev(root, { PORT: String(port), ENV_TEST_BOTH: 'from-real-env' }, ['--host', '127.0.0.1']);
	url = `http://127.0.0.1:${port}`;
	await untilServing(dev, `${url}/api/env`);
}, 90_000);

afterAll(async () => {
	if (dev) await stopChild(dev.child);
	if (root) fs.rmSync(root, { recursive: true, force: true });
}, 30_000);

describe('mochi dev: PORT and .env', () => {
	it('listens on the port PORT names, and says so', () => {
		expect(dev.output()).toContain(`127.0.0.1:${port}`);
	});

	it('gives server code the .env values in process.env: .env, .env.local, .env.development; the real environment wins', async () => {
		const { status, text } = await fetchText(`${url}/api/env`);
		expect(status).toBe(200);
		expect(JSON.parse(text)).toEqual({ secretLength: SECRET.length, both: 'from-real-env', mode: 'development-file', local: 'local-file', nodeEnv: 'development' });
	});

	it('renders a page whose server code reads the secret, without it reaching the page or the browser', async () => {
		const page = await fetchText(`${url}/`);
		expect(page.status).toBe(200);
		expect(page.text).toContain(`secret: set (${SECRET.length} chars); import.meta.env: undefined`);
		expect(page.text).not.toContain(SECRET);
		// The client island's module as the browser loads it, and Vite's own client modules.
		const chunk = page.text.match(/<mochi-island[^>]*component="([^"]+)"/)?.[1];
		expect(chunk, page.text).toBeTruthy();
		const wrapper = await fetchText(new URL(chunk!, url).href);
		expect(wrapper.status).toBe(200);
		// The chunk imports the component itself, which Vite compiles for the browser on request.
		const component = wrapper.text.match(/import component from "([^"]+)"/)?.[1];
		expect(component, wrapper.text).toBeTruthy();
		const island = await fetchText(new URL(component!, url).href);
		expect(island.status).toBe(200);
		for (const module of [wrapper, island, await fetchText(`${url}/@vite/env`), await fetchText(`${url}/@vite/client`)]) {
			expect(module.text).not.toContain(SECRET);
		}
		expect(island.text).toContain(PUBLIC);
	});

	it('refuses a port that is taken with one line naming it, rather than taking another; --port wins over PORT', async () => {
		// PORT is not even read: a bad one would be the error otherwise.
		const taken = mochiDev(root, { PORT: 'abc' }, ['--port', String(port), '--host', '127.0.0.1']);
		expect(await exited(taken.child)).toBe(1);
		expect(taken.output()).toContain(`mochi: port ${port} is already in use: stop what listens there, or choose another with --port or PORT.`);
		expect(taken.output()).not.toMatch(/\n\s+at /);
		// The first server is unharmed.
		expect((await fetchText(`${url}/api/env`)).status).toBe(200);
	}, 70_000);

	it('refuses a PORT that is not a port, and a bad --port, naming which', async () => {
		for (const bad of ['abc', '-1', '65536', '80.5', ' 80']) {
			const wrong = mochiDev(root, { PORT: bad });
			expect(await exited(wrong.child)).toBe(1);
			expect(wrong.output()).toContain(`mochi: PORT must be a whole number from 0 to 65535, got "${bad}"`);
		}
		const flag = mochiDev(root, { PORT: 'abc' }, ['--port', 'x']);
		expect(await exited(flag.child)).toBe(1);
		expect(flag.output()).toContain('--port must be 0–65535, got "x"');
	}, 120_000);
});
