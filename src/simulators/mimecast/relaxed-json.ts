/**
 * Parses a request body as Mimecast does in practice: strict JSON, and also the Python dict
 * repr that Mimecast's own samples post (`data=str(payload)`): single-quoted strings and the
 * bare words True, False and None. Throws SyntaxError when neither reading works.
 */
export function parseRelaxedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(toStrictJson(text));
  }
}

const bareWords: Readonly<Record<string, string>> = {True: 'true', False: 'false', None: 'null'};

/** Rewrites single-quoted strings and Python's bare words; everything else is copied as is. */
function toStrictJson(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === '"' || char === "'") {
      const [value, end] = readString(text, index);
      out += JSON.stringify(value);
      index = end;
      continue;
    }
    const word = /^[A-Za-z_]\w*/.exec(text.slice(index))?.[0];
    if (word !== undefined) {
      out += bareWords[word] ?? word;
      index += word.length;
      continue;
    }
    out += char;
    index += 1;
  }
  return out;
}

const escapes: Readonly<Record<string, string>> = {n: '\n', r: '\r', t: '\t', b: '\b', f: '\f'};

/** Reads a quoted string starting at `start`; returns its value and the index after it. */
function readString(text: string, start: number): [string, number] {
  const quote = text[start];
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === quote) return [value, index + 1];
    if (char === '\\') {
      const next = text[index + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
        value += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
        index += 6;
        continue;
      }
      value += escapes[next] ?? next;
      index += 2;
      continue;
    }
    value += char;
    index += 1;
  }
  throw new SyntaxError('Unterminated string in request body');
}
