import {createHash} from 'node:crypto';
import {createSecureContext, type SecureContext} from 'node:tls';

const kept = new Map<string, SecureContext>();
const maxKept = 4;

/**
 * A TLS context trusting exactly these CAs, reused while the list is the same. Building one
 * from the system's ~150 root certificates takes longer than a handshake, and the engine's
 * health cycle would otherwise pay for it every few seconds.
 */
export function secureContextFor(ca: readonly string[]): SecureContext {
  const key = createHash('sha256').update(ca.join('\n')).digest('hex');
  let context = kept.get(key);
  if (context === undefined) {
    context = createSecureContext({ca: [...ca]});
    if (kept.size >= maxKept) kept.delete(kept.keys().next().value as string);
  } else {
    kept.delete(key);
  }
  kept.set(key, context);
  return context;
}
