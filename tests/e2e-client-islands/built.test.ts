// Client islands end to end: the built test app (`mochi build`, then `node build` as a child process)
// in headless Chromium. One build, one server and one browser serve every suite below.
import { clientOnlyDeferredSuite, clientOnlySuite } from './client-only.js';
import { codeSplitSuite } from './code-split.js';
import { countersSuite } from './counters.js';
import { deferredSuite } from './deferred.js';
import { hostileSuite } from './hostile.js';
import { useClientIslandsApp } from './fixture.js';
import { islandHeadSuite } from './island-head.js';
import { richPropsSuite } from './rich-props.js';
import { stylesSuite } from './styles.js';
import { triggersSuite } from './triggers.js';

const app = useClientIslandsApp('built');

countersSuite(app);
triggersSuite(app);
deferredSuite(app);
richPropsSuite(app);
codeSplitSuite(app);
stylesSuite(app);
islandHeadSuite(app);
hostileSuite(app);
clientOnlySuite(app);
clientOnlyDeferredSuite(app);
