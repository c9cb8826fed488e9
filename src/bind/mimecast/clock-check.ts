import {BindError} from '../errors.js';
import {clockSkewLimitMs} from './inferred-behaviour.js';
import type {ServerClock} from './server-clock.js';

function seconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Step 1's check of this computer's clock against the Date of discovery's reply, made before
 * anything is signed: a login would succeed with a wrong clock (it carries the password, not
 * a signature), and the signed calls after it would then be refused for their time.
 *
 * Limitation: a reply without a Date header (one a proxy stripped) is not checked; a signed
 * call refused for its time still says the clock is off, and its binding is logged out.
 *
 * Class 'credentials', as a signed call refused for its time is: to Mimecast the request is
 * not authentic. The setting at fault is none of the site's: it is this computer's clock.
 */
export function checkClock(clock: ServerClock, host: string): void {
  const offset = clock.offsetMs;
  if (offset === null || Math.abs(offset) <= clockSkewLimitMs) return;

  const local = clock.localNow();
  const minutes = Math.max(1, Math.round(Math.abs(offset) / 60_000));
  const unit = minutes === 1 ? 'minute' : 'minutes';
  const direction = offset > 0 ? 'behind' : 'ahead of';
  const limit = Math.round(clockSkewLimitMs / 60_000);
  throw new BindError(
    'credentials',
    `Mimecast discovery at ${host}: this computer's clock is about ${minutes} ${unit} ` +
      `${direction} Mimecast's (here ${seconds(local)}, at Mimecast ` +
      `${seconds(new Date(local.getTime() + offset))}). Signed requests carry the time, and ` +
      `Mimecast refuses them when it is more than about ${limit} minutes off, so the bind ` +
      'stopped before signing in.',
    "Set this computer's clock right and turn on time synchronisation (Windows: w32tm " +
      '/resync, or Date and time | Sync now; Linux: timedatectl set-ntp true), then bind again.',
  );
}
