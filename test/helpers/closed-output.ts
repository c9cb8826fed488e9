import type {ChildProcess} from 'node:child_process';

/** Long past any command's way out once its output is gone. */
const deadlineMs = 30_000;

/**
 * An `onSpawn` for runCli that closes the child's stdout once it has printed `lines` lines, as
 * `| head -n` does: the child's next write to it fails with EPIPE. What arrived before is kept.
 * A child still running at the deadline is killed, so that a command that goes on regardless
 * fails its test instead of hanging it.
 */
export function closeStdoutAfter(lines: number): (child: ChildProcess) => void {
  return (child) => {
    const deadline = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.once('exit', () => clearTimeout(deadline));
    if (lines === 0) {
      child.stdout?.destroy();
      return;
    }
    let seen = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8').split('\n').length - 1;
      if (seen >= lines) child.stdout?.destroy();
    });
  };
}

/** Closes the child's stderr at once: its first write there fails with EPIPE. */
export function closeStderr(child: ChildProcess): void {
  child.stderr?.destroy();
}

/** A stack trace's frame line, which no output of the program may contain. */
export const stackFrame = /\n\s+at /;
