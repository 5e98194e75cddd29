// The soak's traffic: the hardening suite's mix (prerendered shell, on-demand page, a cookie-reading island,
// an endpoint), each request from a visitor of its own, from `concurrency` keep-alive loops bounded in count
// and in time. Every answer is checked, so a fast error can never pass for a steady server.
import http from 'node:http';

export interface Traffic {
	requests: number;
	failures: string[];
}

/** GET through `agent`; resolves with status and body, bounded by 30 s. */
function get(url: string, agent: http.Agent | false, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { agent, headers }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode!, body }));
			response.on('error', reject);
		});
		request.setTimeout(30_000, () => request.destroy(new Error(`timed out: ${url}`)));
		request.on('error', reject);
	});
}

/** The Echo island's URL, from the token the prerendered shell carries. */
export async function echoIslandUrl(base: string): Promise<string> {
	const { status, body } = await get(`${base}/shell`, false);
	const token = body.match(/<mochi-island[^>]*name="Echo"[^>]*signed-props="([^"]+)"/)?.[1];
	if (status !== 200 || !token) throw new Error(`GET /shell answered ${status} without an Echo island:\n${body.slice(0, 500)}`);
	return `${base}/_mochi/island/Echo?p=${encodeURIComponent(token)}`;
}

/** The fixture's /api/health after a GC (the server runs with --expose-gc): pid, rss, heapUsed. */
export async function healthAfterGc(base: string): Promise<{ pid: number; rss: number; heapUsed: number }> {
	const { status, body } = await get(`${base}/api/health`, false);
	if (status !== 200) throw new Error(`/api/health answered ${status}`);
	return JSON.parse(body);
}

/** The kinds of request in the mix, in turn. */
export const KINDS = ['shell', 'page', 'island', 'endpoint'] as const;
export type Kind = (typeof KINDS)[number];

/** One request of the mix: which kind comes from `index` (among `kinds`), and the visitor is `soak-<index>`. */
async function one(base: string, echo: string, agent: http.Agent, index: number, kinds: readonly Kind[]): Promise<void> {
	const visitor = `soak-${index}`;
	const headers = { cookie: `visitor=${visitor}` };
	const kind = KINDS.indexOf(kinds[index % kinds.length]);
	const url = kind === 0 ? `${base}/shell` : kind === 1 ? `${base}/` : kind === 2 ? echo : `${base}/api/whoami`;
	const { status, body } = await get(url, agent, headers);
	const ok =
		kind === 0 ? body.includes('[shell]')
		: kind === 1 ? body.includes('[hardening] page-pid=')
		: kind === 2 ? body.includes(`[echo] visitor=${visitor} `)
		: body.includes(`"visitor":"${visitor}"`);
	if (status !== 200 || !ok) throw new Error(`${url}: ${status} ${body.slice(0, 120)}`);
}

/** Runs the mix until `until()` says stop or `maxRequests` were made. */
export async function runTraffic(options: {
	base: string;
	echo: string;
	concurrency: number;
	maxRequests: number;
	until: () => boolean;
	firstIndex?: number;
	/** Only these kinds (all four by default). */
	kinds?: readonly Kind[];
	/** Answers so far, for the caller's per-second curve. */
	progress?: { answered: number };
}): Promise<Traffic> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
	let next = options.firstIndex ?? 0;
	const last = next + options.maxRequests;
	let failureCount = 0;
	const failures: string[] = [];
	const loop = async () => {
		while (!options.until() && next < last) {
			const index = next++;
			try {
				await one(options.base, options.echo, agent, index, options.kinds ?? KINDS);
				if (options.progress) options.progress.answered += 1;
			} catch (error) {
				failureCount += 1;
				if (failures.length < 20) failures.push(`#${index}: ${(error as Error).message}`);
			}
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, loop));
	agent.destroy();
	if (failureCount > failures.length) failures.push(`… ${failureCount - failures.length} more`);
	return { requests: next - (options.firstIndex ?? 0), failures };
}
