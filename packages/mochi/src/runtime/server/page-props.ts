// A page's props as the types of its own actions give them, so the `form` prop is never written twice:
//   export const actions = { default: async (ctx) => … } satisfies Actions;
//   let { params, form }: PageProps<typeof actions, { slug: string }> = $props();
// (`satisfies`, not `: Actions`: the annotation would widen every action's result to `unknown`.)
import type { ActionFailure } from './actions.js';

/** One action's result as `form` holds it: `fail()`'s data unwrapped; a redirect or a bare `return` gives none. */
type FormOf<Result> = Result extends ActionFailure<infer Data> ? Data : Result;

/** What `form` can be after any one of `actions` ran. */
export type ActionData<Actions> = Exclude<
	{ [Name in keyof Actions]: Actions[Name] extends (...args: never[]) => infer Result ? FormOf<Awaited<Result>> : never }[keyof Actions],
	undefined | void
>;

/** The props Mochi gives a page: its route `params`, and `form` after a POST ran one of its actions. */
export interface PageProps<Actions = Record<never, never>, Params extends Record<string, string> = Record<string, string>> {
	params: Params;
	/** Undefined on a GET; after a POST, what the action returned, or the data of its `fail()`. */
	form?: ActionData<Actions>;
}
