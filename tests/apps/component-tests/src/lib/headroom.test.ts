// What mochi() gives an app's own tests without any config: 30 s each, not vitest's 5 s default, which the
// demo's Avatar test once missed on a busy machine (5.4 s, against 0.85 s alone).
import { expect, test } from 'vitest';

test('gets 30 s from mochi()', ({ task }) => {
	expect(task.timeout).toBe(30_000);
});
