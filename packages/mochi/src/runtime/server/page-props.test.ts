// Type-level tests: `pnpm check` (tsc) fails when one of these is wrong; vitest only runs the shell.
import { describe, expectTypeOf, it } from 'vitest';
import { fail, type Actions } from './actions.js';
import { redirect } from './redirect.js';
import type { ActionData, PageProps } from './page-props.js';

const actions = {
	default: async (ctx) => {
		const name = String((await ctx.request.formData()).get('name') ?? '');
		if (!name) return fail(400, { name, error: 'missing' as const });
		if (name.length > 40) return fail(422, { name, error: 'long' as const });
		redirect(303, '/');
	},
	greet: () => ({ greeted: 'Ada' }),
	touch: async () => {},
	nothing: () => fail(500)
} satisfies Actions;

describe('PageProps', () => {
	it('types form as the union of what the actions give, fail() data unwrapped, redirects and bare returns left out', () => {
		expectTypeOf<ActionData<typeof actions>>().toEqualTypeOf<
			{ name: string; error: 'missing' } | { name: string; error: 'long' } | { greeted: string }
		>();
		expectTypeOf<PageProps<typeof actions>['form']>().toEqualTypeOf<ActionData<typeof actions> | undefined>();
	});

	it('types params, and gives a page without actions no form', () => {
		expectTypeOf<PageProps<Record<never, never>, { slug: string }>['params']>().toEqualTypeOf<{ slug: string }>();
		expectTypeOf<PageProps['params']>().toEqualTypeOf<Record<string, string>>();
		expectTypeOf<PageProps['form']>().toEqualTypeOf<undefined>();
	});

	it('is unknown, not wrong, for actions annotated `: Actions` (widened)', () => {
		const widened: Actions = actions;
		expectTypeOf<ActionData<typeof widened>>().toBeUnknown();
	});
});
