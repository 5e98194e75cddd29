// `create-mochi --help`. Apart from bin.ts, which runs on import, so tests can read it.
import { DEFAULTS } from './args.js';
import { TEMPLATES, TEMPLATE_NAMES } from './templates.js';

const width = Math.max(...TEMPLATE_NAMES.map((name) => name.length));
export const USAGE = `Create a Mochi app.

Usage:
  npm create mochi@latest [directory] -- [options]
  pnpm create mochi [directory] [options]
  npx create-mochi [directory] [options]

Options:
  -t, --template <name>  the app to start from (default: ${DEFAULTS.template}):
${TEMPLATE_NAMES.map((name) => `                           ${name.padEnd(width)}  ${TEMPLATES[name]}`).join('\n')}
  --ts, --js             TypeScript (default) or JavaScript
  -y, --yes              ask nothing; what isn't given takes its default (directory: ${DEFAULTS.directory})
  -f, --force            write into a directory that isn't empty (same-named files are replaced)
  -h, --help             show this help
  -v, --version          show the version

In a terminal, and without --yes, it asks for whatever the options leave out.`;
