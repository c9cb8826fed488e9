const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';
const eraseLine = '\r\u001B[2K';

let claimed = false;

/**
 * Takes the terminal for the full-screen commands as early as possible: raw mode (no more
 * echo) and the alternate screen. An administrator who types the new password while the
 * program starts would otherwise find it echoed in clear on the screen after exit; what the
 * terminal echoed before this point sits on the current line and is erased.
 *
 * Limitation: type-ahead that included Enter before this point left its echo on earlier lines,
 * which are not erased (their number is unknown).
 */
export function claimTerminal(): void {
  if (claimed || !process.stdin.isTTY || !process.stdout.isTTY) return;
  claimed = true;
  process.stdin.setRawMode(true);
  process.stdout.write(eraseLine + enterAlternateScreen);
  process.once('exit', releaseTerminal);
}

/** Gives the terminal back: normal screen, cursor shown, echo on. Safe to call twice. */
export function releaseTerminal(): void {
  if (!claimed) return;
  claimed = false;
  process.stdout.write(leaveAlternateScreen);
  if (process.stdin.isTTY) process.stdin.setRawMode(false);
}
