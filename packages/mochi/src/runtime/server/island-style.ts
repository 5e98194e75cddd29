import { ISLAND_TAG } from '../shared/constants.js';

// `<mochi-island>` must lay out as if it weren't there (`display: contents`) from the first paint,
// before the runtime or any script runs. A rule in the head rather than a `style` attribute on every
// island: a strict `style-src` then needs one constant hash (csp.ts adds it), never 'unsafe-inline'.
// Fragments need nothing: they are only ever swapped into a page that has islands, hence this rule.

export const ISLAND_STYLE_CSS = `${ISLAND_TAG}{display:contents}`;
export const ISLAND_STYLE = `<style>${ISLAND_STYLE_CSS}</style>`;
