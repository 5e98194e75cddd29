import { describe, expect, it } from 'vitest';
import { detectPackageManager, nextSteps } from './next-steps.js';

describe('detectPackageManager', () => {
	it.each([
		['npm/10.8.2 node/v20.19.0 linux x64 workspaces/false', 'npm'],
		['pnpm/10.12.1 npm/? node/v20.19.0 linux x64', 'pnpm'],
		['yarn/1.22.22 npm/? node/v20.19.0 darwin arm64', 'yarn'],
		['bun/1.2.0 npm/? node/v22.6.0 linux x64', 'bun'],
		['deno/2.0.0 npm/? deno/2.0.0 linux x64', 'npm'],
		[undefined, 'npm'],
		['', 'npm']
	])('%s → %s', (agent, manager) => {
		expect(detectPackageManager(agent)).toBe(manager);
	});
});

describe('nextSteps', () => {
	it('uses the commands of each package manager', () => {
		expect(nextSteps('my-app', 'npm')).toBe('Next steps:\n\n  cd my-app\n  npm install\n  npm run dev');
		expect(nextSteps('my-app', 'pnpm')).toBe('Next steps:\n\n  cd my-app\n  pnpm install\n  pnpm dev');
		expect(nextSteps('my-app', 'yarn')).toBe('Next steps:\n\n  cd my-app\n  yarn\n  yarn dev');
		expect(nextSteps('my-app', 'bun')).toBe('Next steps:\n\n  cd my-app\n  bun install\n  bun run dev');
	});

	it('skips cd when the app is the current directory, and quotes a path with spaces', () => {
		expect(nextSteps('', 'npm')).toBe('Next steps:\n\n  npm install\n  npm run dev');
		expect(nextSteps('../my projects/app', 'npm')).toContain('  cd "../my projects/app"\n');
	});
});
