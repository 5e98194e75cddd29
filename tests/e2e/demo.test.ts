// End to end: the built demo site (`mochi build`, then `node build` as a child process) in headless
// Chromium, over real HTTP. One build, one server and one browser serve every suite in ./demo/.
import { useBuiltDemo } from './demo/fixture.js';
import { accountsSuite } from './demo/accounts.js';
import { actionsHttpSuite } from './demo/actions-http.js';
import { assetsSuite } from './demo/assets.js';
import { clientIslandsSuite } from './demo/client-islands.js';
import { enhancedFormsSuite } from './demo/enhanced-forms.js';
import { loadingSuite } from './demo/loading.js';
import { noJavaScriptSuite } from './demo/no-javascript.js';
import { shellSuite } from './demo/shell.js';
import { visitorsSuite } from './demo/visitors.js';

const demo = useBuiltDemo();

shellSuite(demo);
visitorsSuite(demo);
accountsSuite(demo);
noJavaScriptSuite(demo);
actionsHttpSuite(demo);
loadingSuite(demo);
assetsSuite(demo);
clientIslandsSuite(demo);
enhancedFormsSuite(demo);
