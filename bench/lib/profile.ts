// Reads a V8 .cpuprofile (`node --cpu-prof`): self share per function, inclusive share per function,
// and self share per area (Svelte, Mochi, node:http, web streams, …), over the samples in a window.
//
// Shares count samples, not the time between them. V8 samples on a wall clock: when the server is
// preempted (a loopback write wakes the load generator, which shares our two cores), the signals
// pending meanwhile coalesce into one sample taken when it resumes, with a long gap before it.
// Weighting by that gap would bill the preemption to whatever was running (usually `writev`);
// one sample, one vote keeps the shares closer to CPU time. Samples inside `writev` itself are
// still mostly time off the CPU (strace shows one writev per response, as in the floor), so they
// are counted apart, and the caller turns the other shares into µs per request with the user CPU
// time /proc measured over the same window.
import fs from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface FunctionTime {
	name: string;
	where: string;
	area: string;
	/** Share of all non-idle samples. */
	share: number;
}

export interface ProfileSummary {
	file: string;
	/** Non-idle samples in the window, the socket write left out. */
	samples: number;
	/** Share of non-idle samples taken inside the socket write (writev), which are left out of the rest. */
	syscallShare: number;
	self: FunctionTime[];
	inclusive: FunctionTime[];
	areas: Array<{ area: string; share: number }>;
}

/** Which part of the stack a frame belongs to, from its script URL. */
export function areaOf(url: string, name: string): string {
	if (!url) {
		if (name === '(garbage collector)') return 'GC';
		if (name === '(idle)' || name === '(program)' || name === '(root)') return name;
		return 'native (V8 builtins, C++)';
	}
	if (url.includes('async_hooks') || url.includes('async_local_storage') || url.includes('promise_hooks')) return 'async_hooks / AsyncLocalStorage';
	if (url.includes('deps/undici') || url.includes('internal/webstreams') || url.includes('internal/url') || url.includes('internal/abort_controller') || url.includes('internal/event_target')) {
		return 'web Request/Response/URL/streams (undici)';
	}
	if (url.startsWith('node:internal/crypto') || url === 'node:crypto') return 'node:crypto';
	if (url.startsWith('node:')) return 'node:http, net, streams, other node internals';
	if (url.includes('/polka/') || url.includes('/@polka/') || url.includes('/sirv/')) return 'polka + sirv';
	if (url.includes('/packages/mochi/') || url.includes('/mochi-framework/')) return 'mochi-framework';
	if (url.includes('/devalue/')) return 'devalue';
	if (url.includes('/build/server/')) return 'app bundle (Svelte runtime + components)';
	return 'other';
}

/**
 * `window` (CLOCK_MONOTONIC microseconds, as `process.hrtime` counts them) keeps only the samples
 * taken while the load ran; without it, the whole profile (start-up included).
 */
export function summarizeProfile(file: string, window?: { from: number; to: number }, top = 20): ProfileSummary {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const key = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'}\0${node.callFrame.url}:${node.callFrame.lineNumber + 1}`;

	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	const areas = new Map<string, number>();
	let busy = 0;
	let syscall = 0;
	let time = profile.startTime;
	let inWindow = 0;
	const delta = 1;
	for (let i = 0; i < profile.samples.length; i++) {
		time += profile.timeDeltas[i];
		if (window && (time < window.from || time > window.to)) continue;
		inWindow++;
		const node = byId.get(profile.samples[i])!;
		const area = areaOf(node.callFrame.url, node.callFrame.functionName);
		if (area === '(idle)') continue;
		if (node.callFrame.functionName === 'writev' && node.callFrame.url === '') {
			syscall += delta;
			continue;
		}
		busy += delta;
		self.set(key(node), (self.get(key(node)) ?? 0) + delta);
		areas.set(area, (areas.get(area) ?? 0) + delta);
		const seen = new Set<string>();
		for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
			const k = key(byId.get(id)!);
			if (seen.has(k)) continue;
			seen.add(k);
			inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
		}
	}
	if (window && inWindow === 0) return summarizeProfile(file, undefined, top);

	const list = (map: Map<string, number>): FunctionTime[] =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([k, count]) => {
				const [name, where] = k.split('\0');
				return { name, where: shortWhere(where), area: areaOf(where.replace(/:\d+$/, ''), name), share: count / busy };
			});
	return {
		file,
		samples: busy,
		syscallShare: syscall / (busy + syscall),
		self: list(self),
		// Inclusive time of the request path's own frames, not of the event loop's roots.
		inclusive: list(new Map([...inclusive].filter(([k]) => !/^\((root|program)\)/.test(k) && !k.includes('processTicksAndRejections')))),
		areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, count]) => ({ area, share: count / busy }))
	};
}

function shortWhere(where: string): string {
	if (where.startsWith(':')) return '';
	return where
		.replace(/^file:\/\/.*?\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
		.replace(/^file:\/\/.*?\/packages\/mochi\/dist\//, 'mochi/dist/')
		.replace(/^file:\/\/.*?\/build\//, 'build/');
}
