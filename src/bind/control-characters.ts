/**
 * C0 and C1 controls, DEL, and the bidirectional formatting marks: what must never be typed
 * into a field or echoed to a terminal or log. A right-to-left override (U+202E) reverses the
 * rest of a line on the screen, hides what follows it, and can make a log line read otherwise.
 */
export function isControlCode(code: number): boolean {
  return (
    code < 0x20 ||
    code === 0x7f ||
    (code >= 0x80 && code < 0xa0) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (isControlCode(text.charCodeAt(index))) return true;
  }
  return false;
}

/**
 * The text with every control character shown as `?`: for values that reach a terminal or a
 * service log from a file, where an escape sequence could clear a screen or forge a line.
 */
export function printable(text: string): string {
  let result = '';
  for (const char of text) result += isControlCode(char.charCodeAt(0)) ? '?' : char;
  return result;
}
