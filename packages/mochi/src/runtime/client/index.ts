// The browser runtime's entry: loaded once, as an external module, by pages that have islands or an
// enhanced form (which also load enhance.ts, an entry of its own). It imports nothing from Node or runtime/server; a build test checks the bundle stays that way.
import { ISLAND_TAG } from '../shared/constants.js';
import { MochiIsland } from './island-element.js';

// Two bundles on one page (or a re-run module) must not define the tag twice: that throws.
customElements.get(ISLAND_TAG) || customElements.define(ISLAND_TAG, MochiIsland);
