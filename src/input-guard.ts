/**
 * What stands between Ink's input parser and the program's keys. Ink 6.8 splits what stdin
 * delivers into events, each a run of text or one escape sequence, and its `useInput` names
 * the key of each. It does that badly for sequences outside its table: one it cannot name
 * that carries a Ctrl modifier makes `useInput` throw (Ctrl+F1 is `ESC[1;5P`; `ESC[0K` and
 * `ESC[31m` in a paste parse the same way), and every other one reaches the handler as text
 * without its ESC (`[200~`), or, for an OSC title string, as `]` and the string itself. So
 * events are filtered here first: the keys the program acts on pass, everything else an
 * escape introduces is dropped.
 *
 * Limitation: 8-bit controls (U+009B for CSI) are not taken for sequences: the control
 * character itself is dropped as any other, and what follows it is typed. Terminals send the
 * 7-bit forms unless told otherwise.
 */
export type InputGuard = {
  /** The events to hand on for one event of Ink's parser: none, it, or a rewritten form. */
  pass(event: string): string[];
  /** Input stopped arriving: a control string still open is not waited for any longer. */
  reset(): void;
};

const escape = '\u001B';
const bell = '\u0007';
const stringTerminator = '\u001B\\';

/**
 * The escape sequences of keys the program acts on, after their ESC (a second ESC before it
 * is Alt on some terminals), as xterm, PuTTY, rxvt, Windows Terminal, conhost (through libuv)
 * and tmux send them, each with or without modifiers (`ESC[1;5D` is Ctrl+Left): the arrows,
 * Home, End, Page Up/Down, Delete and Shift+Tab. Ink names each of them. The Windows forms
 * are inferred from libuv's key translation, not seen on a Windows console.
 */
const keySequences = [
  /^\[(?:1;\d{1,3})?[ABCDFHZ]$/,
  /^\[[134-8](?:;\d{1,3})?~$/,
  /^\[[134-8][$^]$/,
  /^\[\[[56]~$/,
  /^\[[a-d]$/,
  /^O[ABCDFHa-d]$/,
];

function isKeySequence(event: string): boolean {
  const body = event.slice(event.startsWith(escape + escape) ? 2 : 1);
  return keySequences.some((pattern) => pattern.test(body));
}

/** After ESC: the introducers of control strings (DCS, SOS, OSC, PM, APC), ended by ST. */
const stringIntroducers = new Set(['P', 'X', ']', '^', '_']);

/**
 * Ink 6 names DEL `delete`, as it names the Delete key (ESC[3~), so no handler could tell
 * Backspace (DEL on xterm, PuTTY and Windows Terminal) from Delete. Handed on as BS, DEL is
 * named `backspace`, as Ink 7 names it. BS itself is Ctrl+H, and Backspace on conhost
 * (inferred from libuv's key translation).
 */
const backspaceForms: Readonly<Record<string, string>> = {
  '\u007F': '\b',
  '\u001B\u007F': '\u001B\b',
};

export function createInputGuard(): InputGuard {
  let inString = false;

  const passKey = (event: string): string[] => {
    const backspace = backspaceForms[event];
    if (backspace) return [backspace];
    if (!event.startsWith(escape)) return [event];
    if (event === escape || event === escape + escape) return [event];
    if (isKeySequence(event)) return [event];

    // ESC and one character: Alt with a key, unless it opens a control string or is what an
    // incomplete sequence left at the end of the input (ESC [ or ESC O).
    const second = event.charAt(1);
    if (event.length === 2 && stringIntroducers.has(second)) {
      inString = true;
      return [];
    }
    if (event.length === 2 && second !== '[' && second !== 'O') return [event];
    return [];
  };

  return {
    pass(event) {
      if (!inString) return passKey(event);

      // Inside a control string: its text up to BEL belongs to it, as does a closing ST; any
      // other escape sequence ends it too.
      if (event.startsWith(escape)) {
        inString = false;
        return event === stringTerminator ? [] : passKey(event);
      }
      const end = event.indexOf(bell);
      if (end === -1) return [];
      inString = false;
      const rest = event.slice(end + 1);
      return rest === '' ? [] : [rest];
    },
    reset() {
      inString = false;
    },
  };
}
