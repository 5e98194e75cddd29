// The same app built with `reportOnly: true`: the report-only header everywhere, violations reported but
// not blocked, and the hostile suites, where only the runtime's own checks can stop the attacker's markup.
import { controlSuite } from './control.js';
import { useCspApp } from './fixture.js';
import { headersSuite } from './headers.js';
import { hostileSuite } from './hostile.js';
import { showcaseSuite } from './showcase.js';

const app = useCspApp('built', { reportOnly: true });

headersSuite(app, { reportOnly: true });
controlSuite(app, { reportOnly: true });
showcaseSuite(app);
hostileSuite(app);
