import {closeSync} from 'node:fs';
import {isatty} from 'node:tty';

/**
 * On its way out Node sets each standard descriptor that was a terminal back to the settings it
 * found, and Node 20 aborts with a native stack trace and exit code 134 when that fails, as it
 * does on a terminal that hung up (a closed SSH session, a terminal window gone): the program's
 * own exit code, and its clean-up having gone well, would be lost. A terminal that hung up
 * answers no terminal request any more, so isatty() turns false; such a descriptor is closed
 * here, and Node then has nothing to restore. The streams write through descriptors of their
 * own, so this takes nothing from them.
 */
export function closeHungUpStdio(): void {
  const streams = [process.stdin, process.stdout, process.stderr];
  streams.forEach((stream, fd) => {
    if (!stream.isTTY || isatty(fd)) return;
    try {
      closeSync(fd);
    } catch {
      // Already closed: nothing left to restore either.
    }
  });
}
