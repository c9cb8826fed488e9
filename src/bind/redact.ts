/**
 * Defence in depth for messages that come from libraries: any secret the bind handles is
 * replaced before the text reaches the screen or a log. Classified errors are written without
 * secrets in the first place.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; they are never put in messages anyway.
    if (secret.length < 4) continue;
    result = result.split(secret).join('[redacted]');
  }
  return result;
}
