/**
 * Holds a state directory's lock in a process of its own, as another mse-bind would: takes it,
 * prints "locked", then releases it and exits when a line arrives on stdin. Killing it instead
 * shows what a dead holder leaves behind.
 *
 * argv: the state directory, then the stale time in milliseconds.
 */
import {once} from 'node:events';
import {lockSite} from '../../src/storage/site-lock.js';

const [stateDir = '', staleMs = '2000'] = process.argv.slice(2);
const lock = await lockSite(stateDir, {wait: false, create: true, staleMs: Number(staleMs)});
process.stdout.write('locked\n');
await once(process.stdin, 'data');
await lock.release();
process.stdout.write('released\n');
process.exit(0);
