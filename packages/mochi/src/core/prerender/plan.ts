// Build time: which pages `mochi build` prerenders, before any is rendered. A page says so in its
// `<script module>`: `export const prerender = true`, and, when its route has params, `export function
// entries()` returning them. Every rule that can be checked without rendering is checked here, together.
import type { MochiApp } from '../../runtime/server/app.js';
import { outsideRequests } from '../../runtime/server/module-evaluation.js';
import type { ComponentModule, RouteDefinition } from '../../runtime/server/app-types.js';
import { PrerenderError } from './prerender-error.js';
import { appFrames } from '../diagnostics/stack-frames.js';

export interface PlannedPage {
	route: RouteDefinition;
	/** What `entries()` returned (unchecked: page-path.ts checks each against the route); `[{}]` for a static page. */
	entries: unknown[];
}

export interface Plan {
	pages: PlannedPage[];
	/** Route id → the page says `prerender = true`: crawled links to it are prerendered too. */
	prerendered: Set<string>;
}

/** `root`: the app's folder, whose frames an entries() failure shows. */
export async function planPrerender(app: MochiApp, root: string): Promise<Plan> {
	const pages = await app.pageModules();
	const problems = pages.flatMap(({ route, module }) => problemsOf(route, module));
	if (problems.length) throw new PrerenderError(problems.join('\n'));
	const planned: PlannedPage[] = [];
	for (const { route, module } of pages) {
		if (module.prerender !== true) continue;
		planned.push({ route, entries: isDynamic(route) ? await callEntries(route, module.entries as () => unknown, root) : [{}] });
	}
	return { pages: planned, prerendered: new Set(planned.map((page) => page.route.id)) };
}

function isDynamic(route: RouteDefinition): boolean {
	return route.segments.some((segment) => segment.type !== 'static');
}

function problemsOf(route: RouteDefinition, module: ComponentModule): string[] {
	const { file } = route;
	const prerender = module.prerender === true;
	const hasEntries = module.entries !== undefined;
	// A prerendered page is a file: nothing would answer its form POSTs.
	if (prerender && module.actions !== undefined) {
		return [`${file}: a page with form actions (export const actions) cannot be prerendered; remove \`export const prerender = true\` or the actions.`];
	}
	if (hasEntries && typeof module.entries !== 'function') return [`${file}: \`entries\` must be a function (sync or async) returning the params to prerender, like [{ slug: 'hello' }]; it is a ${typeof module.entries}.`];
	if (hasEntries && !isDynamic(route)) return [`${file}: exports entries(), but ${route.id} has no [params] to fill; remove entries().`];
	if (hasEntries && !prerender) return [`${file}: exports entries(), which only lists pages to prerender, but not \`export const prerender = true\`; add it, or remove entries() (the page is then rendered on demand for any params).`];
	if (prerender && isDynamic(route) && !hasEntries) {
		return [
			`${file}: prerender = true on a page with params (${route.id}) needs \`export function entries()\` returning the params to prerender, like [{ ${paramNames(route).map((n) => `${n}: '…'`).join(', ')} }]. Return [] to prerender only the pages that prerendered pages link to.`
		];
	}
	return [];
}

function paramNames(route: RouteDefinition): string[] {
	return route.segments.flatMap((segment) => (segment.type === 'static' ? [] : [segment.name]));
}

/** entries() runs once, at build time, outside any request (like the module's own code): no getRequestContext(). */
async function callEntries(route: RouteDefinition, entries: () => unknown, root: string): Promise<unknown[]> {
	let result: unknown;
	try {
		result = await outsideRequests({ module: route.file, bundled: true }, () => entries());
	} catch (error) {
		// Its stack, source-mapped (build-app.ts), cut to the app's own frames, is what the user needs to see.
		const stack = (error as Error)?.stack;
		const where = stack ? `\n${appFrames(stack, root).join('\n')}` : '';
		throw new PrerenderError(`${route.file}: entries() failed: ${(error as Error)?.message ?? String(error)}${where}`, { cause: error });
	}
	if (!Array.isArray(result)) {
		throw new PrerenderError(`${route.file}: entries() must return an array of params, like [{ ${paramNames(route).map((n) => `${n}: '…'`).join(', ')} }]; it returned ${result === null ? 'null' : typeof result}.`);
	}
	return result;
}
