// A vitest setup file, added by mochi:config (core/plugins/config.ts) when the app has
// @testing-library/svelte, whose own setup file it names in this variable. In a DOM environment (a
// client component test) that setup unmounts what each test mounted; server tests have no DOM and
// skip it, and the cost of importing it.
import { pathToFileURL } from 'node:url';

const cleanup = process.env.MOCHI_TESTING_LIBRARY_SETUP;
if (cleanup && typeof document !== 'undefined') await import(/* @vite-ignore */ pathToFileURL(cleanup).href);
