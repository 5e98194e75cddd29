import { describe, expect, it } from 'vitest';
import { MemoryResponse, memoryBody } from './memory-response.js';
import type { Answer } from './exchange.js';

const answer = (): Answer => ({
	status: 201,
	headers: { 'content-type': 'text/html; charset=utf-8', 'x-a': '1' },
	cookies: ['a=1; Path=/', 'b=2; Path=/'],
	body: '<p>café</p>'
});

describe('MemoryResponse', () => {
	it('is a Response with the answer\'s status, headers and cookies', () => {
		const response = new MemoryResponse(answer());
		expect(response).toBeInstanceOf(Response);
		expect(response.status).toBe(201);
		expect(response.ok).toBe(true);
		expect(response.statusText).toBe('');
		expect(response.headers.get('x-a')).toBe('1');
		expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
		expect(response.bodyUsed).toBe(false);
	});

	it.each([
		['text', async (r: Response) => expect(await r.text()).toBe('<p>café</p>')],
		['arrayBuffer', async (r: Response) => expect(new TextDecoder().decode(await r.arrayBuffer())).toBe('<p>café</p>')],
		['bytes', async (r: Response) => expect(new TextDecoder().decode(await (r as MemoryResponse).bytes())).toBe('<p>café</p>')],
		['blob', async (r: Response) => {
			const blob = await r.blob();
			expect(blob.type).toBe('text/html; charset=utf-8');
			expect(await blob.text()).toBe('<p>café</p>');
		}],
		['body', async (r: Response) => expect(await new Response(r.body).text()).toBe('<p>café</p>')]
	])('reads its body once through %s, then every accessor agrees it is used', async (_, read) => {
		const response = new MemoryResponse(answer());
		await read(response);
		expect(response.bodyUsed).toBe(true);
		await expect(response.text()).rejects.toThrow(TypeError);
		await expect(response.json()).rejects.toThrow(TypeError);
		await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
		await expect(response.blob()).rejects.toThrow(TypeError);
		expect(() => response.clone()).toThrow(TypeError);
		expect(memoryBody(response)).toBeUndefined();
	});

	it('parses json and formData as a Response would', async () => {
		const json = new MemoryResponse({ status: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: '{"a":[1]}' });
		expect(await json.json()).toEqual({ a: [1] });
		const form = new MemoryResponse({ status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded' }, cookies: [], body: 'a=1&b=x+y' });
		expect(Object.fromEntries(await form.formData())).toEqual({ a: '1', b: 'x y' });
		await expect(new MemoryResponse({ ...answer(), body: 'nope' }).json()).rejects.toThrow(SyntaxError);
	});

	it('hands out its stream without using the body until someone reads it', async () => {
		const response = new MemoryResponse(answer());
		const stream = response.body;
		expect(response.body).toBe(stream);
		expect(response.bodyUsed).toBe(false);
		expect(memoryBody(response)).toBe('<p>café</p>');
		const reader = stream.getReader();
		expect(memoryBody(response)).toBeUndefined(); // locked: someone else reads it
		await expect(response.text()).rejects.toThrow(TypeError);
		const { value } = await reader.read();
		expect(new TextDecoder().decode(value)).toBe('<p>café</p>');
		expect((await reader.read()).done).toBe(true);
		expect(response.bodyUsed).toBe(true);
	});

	it('counts a cancelled stream as used', async () => {
		const response = new MemoryResponse(answer());
		await response.body.cancel();
		expect(response.bodyUsed).toBe(true);
	});

	it('goes back to the very same Answer when nothing touched it', () => {
		const original = answer();
		const response = new MemoryResponse(original);
		expect(response.toAnswer()).toBe(original);
		expect(memoryBody(response)).toBe(original.body);
	});

	it('goes back to an Answer with the headers and cookies a hook changed', () => {
		const response = new MemoryResponse(answer());
		response.headers.set('x-frame-options', 'DENY');
		response.headers.delete('x-a');
		response.headers.append('set-cookie', 'c=3; Path=/');
		response.headers.append('vary', 'cookie');
		response.headers.append('vary', 'accept');
		expect(response.toAnswer()).toEqual({
			status: 201,
			headers: { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'DENY', vary: 'cookie, accept' },
			cookies: ['a=1; Path=/', 'b=2; Path=/', 'c=3; Path=/'],
			body: '<p>café</p>'
		});
	});

	it('clones into an independent copy, each readable once', async () => {
		const response = new MemoryResponse(answer());
		response.headers.set('x-b', '2');
		const copy = response.clone();
		expect(copy).toBeInstanceOf(MemoryResponse);
		copy.headers.set('x-b', 'changed');
		expect(response.headers.get('x-b')).toBe('2');
		expect(await copy.text()).toBe('<p>café</p>');
		expect(await response.text()).toBe('<p>café</p>');
	});

	it('can stand in for init and body of a new Response, as hooks replacing it do', async () => {
		const response = new MemoryResponse(answer());
		const replaced = new Response(response.body, { status: 418, headers: response.headers });
		expect(replaced.status).toBe(418);
		expect(replaced.headers.get('x-a')).toBe('1');
		expect(replaced.headers.getSetCookie()).toHaveLength(2);
		expect(await replaced.text()).toBe('<p>café</p>');
		expect(response.bodyUsed).toBe(true);
		const fromInit = new Response('other', new MemoryResponse(answer()));
		expect(fromInit.status).toBe(201);
		expect(fromInit.headers.get('content-type')).toBe('text/html; charset=utf-8');
	});

	it('keeps the statuses that carry no body', () => {
		for (const status of [204, 304, 308, 409]) {
			expect(new MemoryResponse({ status, headers: {}, cookies: [], body: '' }).status).toBe(status);
		}
		expect(memoryBody(new Response('plain'))).toBeUndefined();
	});
});
