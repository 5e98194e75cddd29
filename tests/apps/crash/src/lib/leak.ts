// What an app bug leaves behind during a request: nobody awaits, catches or listens for these. Each message
// names where it came from, so the suites can find its log line.
import { EventEmitter } from 'node:events';

/** A rejected promise nobody handles, and a throw in a timer started by this request. */
export function leak(where: string): void {
	void Promise.reject(new Error(`${where}: leaked rejection`));
	setTimeout(() => {
		throw new Error(`${where}: timer throw`);
	}, 0);
}

/** A throw in an event handler, the event emitted later (as an I/O callback would). */
export function leakFromEvent(where: string): void {
	const emitter = new EventEmitter();
	emitter.on('ping', () => {
		throw new Error(`${where}: event handler throw`);
	});
	setImmediate(() => emitter.emit('ping'));
}
