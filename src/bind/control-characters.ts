/** C0 controls and DEL: what must never be typed into a field or echoed to a terminal or log. */
export function isControlCode(code: number): boolean {
  return code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0);
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
