import type {ReactElement} from 'react';
import {render} from 'ink';
import {stripVTControlCharacters} from 'node:util';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

export {FakeStdin, FakeStdout} from './fake-terminal.js';

/** Keys as a terminal sends them (xterm sequences; Backspace is DEL, as on most terminals). */
export const ENTER = '\r';
export const ESC = '\u001B';
export const TAB = '\t';
export const SPACE = ' ';
export const UP = '\u001B[A';
export const DOWN = '\u001B[B';
export const RIGHT = '\u001B[C';
export const LEFT = '\u001B[D';
export const HOME = '\u001B[H';
export const END = '\u001B[F';
export const PAGE_DOWN = '\u001B[6~';
export const BACKSPACE = '\u007F';
export const DELETE = '\u001B[3~';
export const SHIFT_TAB = '\u001B[Z';
export const CTRL_H = '\b';
export const CTRL_A = '\u0001';
export const CTRL_C = '\u0003';
export const CTRL_E = '\u0005';
export const CTRL_U = '\u0015';
export const CTRL_W = '\u0017';

export type HarnessOptions = {
  readonly columns?: number;
  /** Leave unset to match a stream whose height is unknown. */
  readonly rows?: number;
  /** `false` stands in for piped or redirected input. */
  readonly stdinIsTTY?: boolean;
  /** Off by default so a test can send Ctrl+C to the app's own handler. */
  readonly exitOnCtrlC?: boolean;
};

export type WaitOptions = {readonly timeoutMs?: number};

export type InkHarness = {
  readonly stdin: FakeStdin;
  readonly stdout: FakeStdout;
  readonly stderr: FakeStdout;
  /**
   * The last frame as a terminal without styles shows it ('' before the first render): escape
   * codes removed, and the trailing spaces that only carried a style (a cursor cell) with them.
   */
  lastFrame(): string;
  /** The last frame exactly as written, styles included. */
  lastRawFrame(): string;
  /** Every frame so far, without styles. */
  frames(): string[];
  /** Polls until the last frame satisfies `predicate`, and returns it. */
  waitForFrame(predicate: (frame: string) => boolean, options?: WaitOptions): Promise<string>;
  waitForText(text: string, options?: WaitOptions): Promise<string>;
  /** Sends `chunk` as one read once the app listens for input. */
  type(chunk: string): Promise<void>;
  /** Sends `chunk` and polls until the frame differs from the one before. */
  typeAndWaitForChange(chunk: string, options?: WaitOptions): Promise<string>;
  rerender(tree: ReactElement): void;
  unmount(): void;
  waitUntilExit(): Promise<unknown>;
};

/**
 * Renders with Ink's own `render` on fake streams, in debug mode (every frame is written whole,
 * nothing is throttled) and without console patching.
 */
export function renderInk(tree: ReactElement, options: HarnessOptions = {}): InkHarness {
  const stdin = new FakeStdin(options.stdinIsTTY ?? true);
  const stdout = new FakeStdout(options.columns ?? 80, options.rows);
  const stderr = new FakeStdout(options.columns ?? 80, options.rows);

  const instance = render(tree, {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: options.exitOnCtrlC ?? false,
    patchConsole: false,
  });

  const lastRawFrame = () => stdout.frames.at(-1) ?? '';
  const lastFrame = () => plain(lastRawFrame());

  const waitForFrame = (predicate: (frame: string) => boolean, wait: WaitOptions = {}) =>
    pollUntil(
      () => (predicate(lastFrame()) ? lastFrame() : undefined),
      () => `a frame to match; the last frame was:\n${lastFrame()}`,
      wait.timeoutMs,
    );

  return {
    stdin,
    stdout,
    stderr,
    lastFrame,
    lastRawFrame,
    frames: () => stdout.frames.map(plain),
    waitForFrame,
    waitForText: (text, wait) => waitForFrame((frame) => frame.includes(text), wait),
    type: (chunk) => typeKeys(stdin, chunk),
    async typeAndWaitForChange(chunk, wait) {
      const before = lastRawFrame();
      await typeKeys(stdin, chunk);
      await pollUntil(
        () => (lastRawFrame() === before ? undefined : true),
        () => `the frame to change after input ${JSON.stringify(chunk)}:\n${lastFrame()}`,
        wait?.timeoutMs,
      );
      return lastFrame();
    },
    rerender: instance.rerender,
    unmount: instance.unmount,
    waitUntilExit: instance.waitUntilExit,
  };
}

function plain(frame: string): string {
  return stripVTControlCharacters(frame)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/**
 * Writes `chunk` as a single read, the way a paste or SSH type-ahead arrives. It first waits
 * for an input owner to listen: until its effect has run, Ink would drop the keys.
 */
export async function typeKeys(stdin: FakeStdin, chunk: string): Promise<void> {
  await pollUntil(
    () => (stdin.listening ? true : undefined),
    () => 'a component to listen for input',
  );
  stdin.write(chunk);
}

/**
 * Calls `probe` after every turn of the event loop until it returns a value. Polling instead of
 * sleeping: React applies updates on its own schedule, which no fixed delay matches on a
 * loaded machine.
 */
export async function pollUntil<T>(
  probe: () => T | undefined,
  describe: () => string,
  timeoutMs = 5000,
): Promise<T> {
  // performance.now, not Date.now: a test may fake Date.
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const result = probe();
    if (result !== undefined) return result;
    if (performance.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
