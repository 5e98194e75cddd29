import { describe, expect, it } from 'vitest';
import { canonicalLocation, canonicalPath, mayBeNonCanonical } from './canonical-path.js';

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
	it('keeps the query as it came', () => {
		expect(canonicalLocation('/%61bout?x=%61&y=/./z')).toBe('/about?x=%61&y=/./z');
	});

	it('is null for a canonical path, even when the query looks odd', () => {
		expect(canonicalLocation('/about?next=/./x&q=%2e')).toBeNull();
	});

	it('never redirects to a path a browser would read as another host', () => {
		expect(canonicalLocation('/..//evil.test/x')).toBeNull();
		expect(canonicalLocation('/.//evil.test')).toBeNull();
		expect(canonicalLocation('/%2e%2e//evil.test')).toBeNull();
	});
});

describe('mayBeNonCanonical', () => {
	it('is false for plain paths, so they pay nothing more', () => {
		expect(mayBeNonCanonical('/about')).toBe(false);
		expect(mayBeNonCanonical('/products/matcha?sort=asc')).toBe(false);
		expect(mayBeNonCanonical('/.well-known/x')).toBe(true);
		expect(mayBeNonCanonical('/a%20b')).toBe(true);
	});
});
