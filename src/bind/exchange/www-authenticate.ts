const token = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * The authentication schemes a 401 offers, in the server's order. IIS sends one challenge per
 * `WWW-Authenticate` line (undici hands several lines over as an array); other servers put
 * several challenges on one line, separated by commas, next to their `name=value` parameters.
 */
export function offeredSchemes(header: string | readonly string[] | undefined): string[] {
  const lines = header === undefined ? [] : typeof header === 'string' ? [header] : header;
  const schemes: string[] = [];

  for (const part of lines.flatMap(splitOutsideQuotes)) {
    const [first = ''] = part.trim().split(/[\s=]/, 1);
    const rest = part.trim().slice(first.length).trimStart();
    // A part is a new challenge when it starts with a bare token: `Basic realm="x"`,
    // `Negotiate`, `NTLM TlRM...`; a parameter such as `charset="UTF-8"` is not.
    if (!token.test(first) || rest.startsWith('=')) continue;
    if (!schemes.some((known) => known.toLowerCase() === first.toLowerCase())) schemes.push(first);
  }

  return schemes;
}

/**
 * The value of a challenge parameter (`error="invalid_token"`), from whichever challenge holds
 * it first, or null. Only a server that reads bearer tokens sends `error`.
 */
export function challengeParameter(
  header: string | readonly string[] | undefined,
  name: string,
): string | null {
  const lines = header === undefined ? [] : typeof header === 'string' ? [header] : header;
  const parameter = new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*(?:"([^"]*)"|([^\\s,]+))`, 'i');
  for (const line of lines) {
    const match = parameter.exec(line);
    if (match !== null) return match[1] ?? match[2] ?? '';
  }
  return null;
}

export function offersScheme(schemes: readonly string[], scheme: string): boolean {
  return schemes.some((offered) => offered.toLowerCase() === scheme.toLowerCase());
}

function splitOutsideQuotes(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
