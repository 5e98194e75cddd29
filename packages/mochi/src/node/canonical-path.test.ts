import { describe, expect, it } from 'vitest';
import { canonicalLocation as locationOf, canonicalPath } from './canonical-path.js';

/** As the server calls it: the raw target and WHATWG's reading of it. */
const canonicalLocation = (target: string) => locationOf(target, new URL(`http://localhost${target}`));

describe('canonicalPath', () => {
	it.each([
		['/%61bout', '/about'],
		['/%2e/', '/'],
		['/%2E%2E/about', '/about'],
		['/./about', '/about'],
		['/docs/x/../guide', '/docs/guide'],
		['/docs/%67uide', '/docs/guide'],
		['/a/.', '/a/'],
		['/a/b/..', '/a/'],
		['/..', '/'],
		['/../../etc/passwd', '/etc/passwd'],
		['/a//../b', '/a/b'],
		['/caf%c3%a9', '/caf%C3%A9'],
		['/%7e%2D%5f', '/~-_'],
		['/..//evil.test', '//evil.test']
	])('%s → %s', (path, expected) => {
		expect(canonicalPath(path)).toBe(expected);
	});

	it.each(['/about', '/', '/about/', '//about', '/ABOUT', '/a%2Fb', '/a%20b', '/caf%C3%A9', '/100%', '/%zz', '/%E0%A4%A', '/.well-known/x', '/a/...', '/a..b', '/%25'])(
		'leaves %s as it is (another resource, or already canonical)',
		(path) => {
			expect(canonicalPath(path)).toBe(path);
		}
	);

	it('decodes once: %2561 is an encoded "%" followed by "61"', () => {
		expect(canonicalPath('/%2561')).toBe('/%2561');
	});
});

describe('canonicalLocation', () => {
	it.each([
		['/%61bout', '/about'],
		['/./about', '/about'],
		['/%2e/', '/'],
		['/docs\\guide', '/docs/guide'],
		['/about#x', '/about'],
		['/%61bout#x', '/about'],
		['/caf%c3%a9', '/caf%C3%A9']
	])('%s → %s', (target, location) => {
		expect(canonicalLocation(target)).toBe(location);
	});

	it('keeps the query', () => {
		expect(canonicalLocation('/%61bout?x=%61&y=/./z')).toBe('/about?x=%61&y=/./z');
		expect(canonicalLocation('/./about?q#frag')).toBe('/about?q');
	});

	it.each(['/about', '/', '/about?next=/./x&q=%2e', '/about?x#y', '/a%20b', '/caf%C3%A9?x', '//about', '/ABOUT', '/a%2Fb', '/.well-known/x'])(
		'is null for %s, spelled canonically already',
		(target) => {
			expect(canonicalLocation(target)).toBeNull();
		}
	);

	it('never redirects to a path a browser would read as another host', () => {
		for (const target of ['/..//evil.test/x', '/.//evil.test', '/%2e%2e//evil.test', '/\\evil.test', '/%2E//evil.test']) {
			expect(canonicalLocation(target), target).toBeNull();
		}
	});
});
