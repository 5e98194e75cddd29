import { AssertionError } from 'node:assert';
import { inspect, isDeepStrictEqual } from 'node:util';
import { clientIslandNames, textOf, type PlacedIsland } from './placed-islands.js';

export interface ExpectedIsland {
	/** Compared key by key (deep, strict); other props are not checked. Asymmetric matchers (`expect.any(Number)`) work. */
	props?: Record<string, unknown>;
	/** Found in the fallback's text or its HTML. */
	fallback?: string | RegExp;
}

/**
 * Assert that a render placed server island `name` matching `expected`, and return it. The error
 * lists every island found, with why each same-named one does not match, so a failure reads alone.
 */
export function expectIsland(
	rendered: { islands: PlacedIsland[]; body: string },
	name: string,
	expected: ExpectedIsland = {}
): PlacedIsland {
	const reasons = new Map<PlacedIsland, string[]>();
	for (const island of rendered.islands) {
		if (island.name !== name) continue;
		const mismatches = compare(island, expected);
		if (mismatches.length === 0) return island;
		reasons.set(island, mismatches);
	}
	throw new AssertionError({ message: failureMessage(rendered, name, expected, reasons), stackStartFn: expectIsland });
}

function compare(island: PlacedIsland, expected: ExpectedIsland): string[] {
	const mismatches: string[] = [];
	for (const [key, value] of Object.entries(expected.props ?? {})) {
		if (!(key in island.props)) {
			mismatches.push(`props.${key}: expected ${show(value)}, but the island has no such prop`);
		} else if (!matches(island.props[key], value)) {
			mismatches.push(`props.${key}: expected ${show(value)}, received ${show(island.props[key])}`);
		}
	}
	if (expected.fallback !== undefined && !fallbackMatches(island.fallback, expected.fallback)) {
		mismatches.push(`fallback: expected ${describeFallback(expected.fallback)}, received ${JSON.stringify(textOf(island.fallback))}`);
	}
	return mismatches;
}

function failureMessage(
	rendered: { islands: PlacedIsland[]; body: string },
	name: string,
	expected: ExpectedIsland,
	reasons: Map<PlacedIsland, string[]>
): string {
	const wanted = [
		expected.props && `props ${show(expected.props)}`,
		expected.fallback !== undefined && `a fallback ${describeFallback(expected.fallback)}`
	].filter(Boolean);
	const what = `a <${name}> server island${wanted.length ? ` with ${wanted.join(' and ')}` : ''}`;
	const outcome = reasons.size ? 'none matches' : `the render placed no <${name}>`;
	const lines = [`expectIsland: expected ${what}, but ${outcome}.`];
	lines.push(rendered.islands.length ? `Server islands found (${rendered.islands.length}):` : 'Server islands found: none.');
	for (const island of rendered.islands) {
		const fallback = JSON.stringify(textOf(island.fallback));
		lines.push(`  <${island.name}> ${island.mode}, ${island.load}, props ${show(island.props)}, fallback ${fallback}`);
		for (const reason of reasons.get(island) ?? []) lines.push(`    ✗ ${reason}`);
	}
	if (clientIslandNames(rendered.body).includes(name)) {
		lines.push(`<${name}> is a client island here (mochi:hydrate alone): it renders in place, so query its HTML through \`container\`.`);
	}
	return lines.join('\n');
}

function fallbackMatches(html: string, expected: string | RegExp): boolean {
	const text = textOf(html);
	if (typeof expected === 'string') return text.includes(expected) || html.includes(expected);
	return text.search(expected) !== -1 || html.search(expected) !== -1;
}

function describeFallback(expected: string | RegExp): string {
	return typeof expected === 'string' ? `containing ${JSON.stringify(expected)}` : `matching ${expected}`;
}

type Asymmetric = { asymmetricMatch(actual: unknown): boolean };

// vitest's `expect.any(Number)`, `expect.objectContaining({…})` and the like.
function isAsymmetric(value: unknown): value is Asymmetric {
	return typeof (value as Asymmetric | null)?.asymmetricMatch === 'function';
}

function matches(actual: unknown, expected: unknown): boolean {
	if (isAsymmetric(expected)) return expected.asymmetricMatch(actual);
	if (Array.isArray(expected)) {
		return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matches(actual[i], item));
	}
	if (isPlainObject(expected) && isPlainObject(actual)) {
		const keys = Object.keys(expected);
		if (keys.length !== Object.keys(actual).length) return false;
		return keys.every((key) => key in actual && matches(actual[key], expected[key]));
	}
	return isDeepStrictEqual(actual, expected);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

function show(value: unknown): string {
	return inspect(value, { depth: 5, breakLength: Infinity, compact: true, colors: false });
}
