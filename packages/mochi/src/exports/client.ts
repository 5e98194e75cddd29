// `mochi-framework/client`: the browser runtime (defines <mochi-island>). Apps never import it
// themselves: Mochi adds it to pages that have islands.
import '../runtime/client/index.js';
