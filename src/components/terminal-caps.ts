/** What the terminal can draw: Unicode symbols, and whether colour is wanted at all. */
export type TerminalCaps = {readonly unicode: boolean; readonly color: boolean};

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Decides from the environment alone, before anything is drawn. On Windows only hosts known
 * to render Unicode get it (Windows Terminal, VS Code, ConEmu/Cmder, JetBrains, Alacritty):
 * conhost on Server Core uses fonts without braille or check marks, which draw as `?`.
 * Elsewhere a non-UTF-8 locale, the Linux console and a dumb terminal get ASCII.
 * `MSE_BIND_ASCII=1` forces ASCII anywhere; `NO_COLOR` (any non-empty value) turns colour off.
 */
export function detectTerminalCaps(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): TerminalCaps {
  return {unicode: supportsUnicode(env, platform), color: !env['NO_COLOR']};
}

function supportsUnicode(env: Env, platform: NodeJS.Platform): boolean {
  if (env['MSE_BIND_ASCII'] === '1') return false;

  if (platform !== 'win32') {
    // A locale that names a character set other than UTF-8 (LANG=C, ISO-8859-1) tells the
    // terminal to expect single bytes; none set says nothing, as in many SSH sessions.
    const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'];
    if (locale && !/utf-?8/i.test(locale)) return false;
    // The Linux virtual console's font has no braille or check marks either.
    return env['TERM'] !== 'linux' && env['TERM'] !== 'dumb';
  }

  return (
    Boolean(env['WT_SESSION']) ||
    Boolean(env['TERMINUS_SUBLIME']) ||
    env['ConEmuTask'] === '{cmd::Cmder}' ||
    env['TERM_PROGRAM'] === 'vscode' ||
    env['TERM_PROGRAM'] === 'Terminus-Sublime' ||
    env['TERM'] === 'xterm-256color' ||
    env['TERM'] === 'alacritty' ||
    env['TERMINAL_EMULATOR'] === 'JetBrains-JediTerm'
  );
}
