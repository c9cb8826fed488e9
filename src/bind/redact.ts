/**
 * Defence in depth for messages that come from libraries: any secret the bind handles is
 * replaced before the text reaches the screen or a log. Classified errors are written without
 * secrets in the first place, so a secret found in one is most often a coincidence: a password
 * that is also a word of the message (`password`, `Mimecast`) or part of a setting shown in it
 * (`contoso` in dc=contoso). Replacing those would garble the message and show where the
 * secret stands, so only a secret unlike the words of a message is looked for (see
 * `looksLikeSecret`), and an occurrence inside a setting value the message shows (`shown`),
 * which the reader sees anyway, is left alone.
 */
export function redactSecrets(
  text: string,
  secrets: readonly string[],
  shown: readonly string[] = [],
): string {
  let result = text;
  for (const secret of secrets) {
    if (!looksLikeSecret(secret)) continue;
    result = replaceUncovered(result, secret, coveredRanges(result, shown));
  }
  return result;
}

/**
 * Whether a secret could not be mistaken for a word of a message: three kinds of character
 * (lower case, upper case, digits, others) as password policies ask, or a long passphrase.
 * Limitation: a simpler secret that a library echoes is shown; no message of the product's
 * own holds one, and looking for it would blank out ordinary words.
 */
function looksLikeSecret(secret: string): boolean {
  if (secret.length >= 16) return true;
  if (secret.length < 6) return false;
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}]/u];
  return kinds.filter((kind) => kind.test(secret)).length >= 3;
}

type Range = {readonly start: number; readonly end: number};

function occurrences(text: string, value: string): Range[] {
  const ranges: Range[] = [];
  if (value === '') return ranges;
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    ranges.push({start: at, end: at + value.length});
  }
  return ranges;
}

function coveredRanges(text: string, shown: readonly string[]): Range[] {
  return shown.flatMap((value) => occurrences(text, value));
}

function replaceUncovered(text: string, secret: string, covered: readonly Range[]): string {
  let result = '';
  let from = 0;
  for (const found of occurrences(text, secret)) {
    if (found.start < from) continue;
    const inside = covered.some((range) => range.start <= found.start && found.end <= range.end);
    if (inside) continue;
    result += `${text.slice(from, found.start)}[redacted]`;
    from = found.end;
  }
  return result + text.slice(from);
}

/** Every text value of a settings object: what messages may show of the site. */
export function shownValuesOf(settings: object): string[] {
  return Object.values(settings).flatMap((value: unknown) => {
    if (typeof value === 'string') return [value];
    if (value !== null && typeof value === 'object') return shownValuesOf(value);
    return [];
  });
}
