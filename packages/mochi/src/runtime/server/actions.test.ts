import { describe, expect, it } from 'vitest';
import { actionName, fail, findAction, isActionFailure, runAction } from './actions.js';
import type { RequestContext } from './context.js';

const ctx = {} as RequestContext;

describe('actionName', () => {
	it('reads the first key of the query when it starts with a slash', () => {
		expect(actionName('')).toBe('default');
		expect(actionName('?x=1')).toBe('default');
		expect(actionName('?/x')).toBe('x');
		expect(actionName('?/x&y=1')).toBe('x');
		expect(actionName('?/signOut=')).toBe('signOut');
		expect(actionName('?y=1&/x')).toBe('default');
	});
	it('gives null for names no action can have', () => {
		expect(actionName('?/')).toBeNull();
		expect(actionName('?/a/b')).toBeNull();
		expect(actionName('?/a%2Fb')).toBeNull();
	});
});

describe('findAction', () => {
	const actions = { default: () => 1, signOut: () => 2, notAFunction: 3 };
	it('finds default and named actions', () => {
		expect(findAction(actions, '')).toMatchObject({ type: 'found', name: 'default' });
		expect(findAction(actions, '?/signOut&y=1')).toMatchObject({ type: 'found', name: 'signOut' });
	});
	it('says when the page has no actions, or none of that name', () => {
		expect(findAction(undefined, '?/x')).toEqual({ type: 'none' });
		expect(findAction(actions, '?/nope')).toEqual({ type: 'unknown', name: 'nope' });
		expect(findAction(actions, '?/notAFunction').type).toBe('unknown');
		expect(findAction(actions, '?/toString').type).toBe('unknown');
		expect(findAction(actions, '?/__proto__').type).toBe('unknown');
		expect(findAction(actions, '?/').type).toBe('unknown');
		expect(findAction(actions, '?/a/b').type).toBe('unknown');
		expect(findAction({ signOut: () => 1 }, '').type).toBe('unknown');
	});
});

describe('fail', () => {
	it('carries a 400–599 status and data', () => {
		const failure = fail(422, { missing: true });
		expect(isActionFailure(failure)).toBe(true);
		expect(failure.status).toBe(422);
		expect(failure.data).toEqual({ missing: true });
		expect(isActionFailure({ status: 400, data: 1 })).toBe(false);
	});
	it('refuses any other status', () => {
		for (const status of [200, 302, 399, 600, 400.5, NaN, '400' as unknown as number]) {
			expect(() => fail(status)).toThrow(TypeError);
		}
	});
});

describe('runAction', () => {
	it('gives 200 and the result, or fail()s status and data', async () => {
		expect(await runAction({ name: 'default', action: () => ({ ok: 1 }) }, ctx, 'src/routes/a.svelte')).toEqual({ type: 'done', status: 200, form: { ok: 1 } });
		expect(await runAction({ name: 'x', action: async () => fail(400, { m: 1 }) }, ctx, 'a')).toEqual({ type: 'done', status: 400, form: { m: 1 } });
		expect(await runAction({ name: 'x', action: () => undefined }, ctx, 'a')).toEqual({ type: 'done', status: 200, form: undefined });
	});
	it('names the page file and the action when the result cannot be serialized', async () => {
		const run = runAction({ name: 'save', action: () => ({ f: () => 1 }) }, ctx, 'src/routes/form.svelte');
		await expect(run).rejects.toThrow(/"save" of src\/routes\/form\.svelte/);
	});
	it('lets throws through', async () => {
		await expect(runAction({ name: 'x', action: () => Promise.reject(new Error('boom')) }, ctx, 'a')).rejects.toThrow('boom');
	});
});
