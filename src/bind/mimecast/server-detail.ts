import type {CallContext} from './call-context.js';
import type {MimecastErrorItem} from './envelope.js';

const maxMessageLength = 160;

function withoutSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words, and are never echoed by Mimecast.
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/**
 * What Mimecast said about a failure, ready to append to a message: ` (Mimecast: "…", code)`.
 * The text comes from the server, so it is cut short, stripped of control characters (it goes
 * to a terminal) and cleared of any secret the call carried.
 */
export function serverDetail(error: MimecastErrorItem | undefined, context: CallContext): string {
  if (error === undefined) return '';
  const parts: string[] = [];
  if (error.message) {
    // eslint-disable-next-line no-control-regex
    let text = error.message.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
    if (text.length > maxMessageLength) text = `${text.slice(0, maxMessageLength - 1)}…`;
    parts.push(`"${withoutSecrets(text, context.secrets)}"`);
  }
  if (error.code) parts.push(withoutSecrets(error.code, context.secrets));
  return parts.length === 0 ? '' : ` (Mimecast: ${parts.join(', ')})`;
}
