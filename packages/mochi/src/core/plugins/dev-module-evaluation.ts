import type { ModuleRunner } from 'vite/module-runner';
import { outsideRequests } from '../../runtime/server/module-evaluation.js';

const ISOLATED = Symbol.for('mochi-framework.isolated-evaluator');

/**
 * `mochi dev`: the SSR module runner evaluates a module once, inside whichever request first imports it
 * (a page, a `.ts` module it imports, a dynamic `import()` during render), and then serves it to every
 * request. Each evaluation runs outside any request here, as it does when `mochi build` loads the pages,
 * so `getRequestContext()` at a module's top level is an error naming the module, never the first
 * visitor's context cached for the next ones. The runner keeps a failed evaluation's error and throws
 * it again on every later import, so every later request gets the error too.
 */
export function isolateModuleEvaluation(runner: ModuleRunner, mapStack: (stack: string) => string): void {
	const evaluator = runner.evaluator as ModuleRunner['evaluator'] & { [ISOLATED]?: true };
	if (evaluator[ISOLATED]) return;
	const evaluate = evaluator.runInlinedModule.bind(evaluator);
	evaluator.runInlinedModule = (context, code, module) => outsideRequests({ module: module.file || module.id, mapStack }, () => evaluate(context, code, module));
	evaluator[ISOLATED] = true;
}
