import wrapAnsi from 'wrap-ansi';

/**
 * Text for the normal screen, wrapped at word boundaries to the terminal's width: a message
 * printed before or after the full screen would otherwise be broken mid-word by the terminal
 * (`not JSO` / `N`). Pipes and files get the text unchanged, for scripts and logs.
 */
export function forTerminal(text: string, stream: NodeJS.WriteStream): string {
  if (!stream.isTTY || !stream.columns) return text;
  return wrapAnsi(text, stream.columns, {hard: true, trim: false}).replace(/ +\n/g, '\n');
}
