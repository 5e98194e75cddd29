import { describe, expect, it } from 'vitest';
import { fitsTemplate, headerLostInStream, privateCacheControl, sharedCacheable } from './stream-page.js';

describe('sharedCacheable', () => {
	it.each([
		['public, max-age=60', true],
		['max-age=0, s-maxage=600', true],
		['S-MAXAGE=1', true],
		['private, max-age=60', false],
		['no-store', false],
		['max-age=60', false],
		['', false],
		[null, false],
		// Not the directive, only a look-alike inside another token.
		['x-public-thing=1', false]
	])('%j → %s', (value, expected) => {
		expect(sharedCacheable(value)).toBe(expected);
	});
});

describe('privateCacheControl', () => {
	it('marks a streamed page private, keeping what the page said', () => {
		expect(privateCacheControl(null)).toBe('private, no-store');
		expect(privateCacheControl('max-age=60')).toBe('private, max-age=60');
		expect(privateCacheControl('private, max-age=5')).toBe('private, max-age=5');
		expect(privateCacheControl('no-store')).toBe('no-store');
	});
});

describe('fitsTemplate', () => {
	it.each([
		['<p>fine</p><!--[--><b>x</b><!--]-->', true],
		['<template><i>nested</i></template>', false],
		['<p>a</p></TEMPLATE ><p>b</p>', false],
		['<p>a</p><!-- left open', false],
		['<!-- closed --><p>a</p><!-- open again', false],
		['<!-- a <!-- b --> c', true],
		['', true]
	])('%j → %s', (html, expected) => {
		expect(fitsTemplate(html)).toBe(expected);
	});
});

describe('headerLostInStream', () => {
	const own = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store', 'x-mochi-hydratable': 't' };
	it("is nothing for the endpoint's own headers, whatever the page says", () => {
		expect(headerLostInStream(own, new Headers({ 'cache-control': 'private, max-age=5' }))).toBeUndefined();
	});
	it('is a header the app added that the page does not carry with the same value', () => {
		expect(headerLostInStream({ ...own, 'x-request-id': 'island-1' }, new Headers({ 'x-request-id': 'page-1' }))).toBe('x-request-id');
		expect(headerLostInStream({ ...own, 'server-timing': 'db;dur=2' }, new Headers())).toBe('server-timing');
	});
	it('is nothing for a header the page carries too', () => {
		expect(headerLostInStream({ ...own, 'x-app': 'shop' }, new Headers({ 'x-app': 'shop' }))).toBeUndefined();
	});
});
