import {execFileSync, spawnSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {requireTool} from './require-tool.js';

/**
 * Drives the built program in a real terminal: a detached tmux session of a fixed size, keys
 * typed with send-keys, the screen read with capture-pane. Waits poll the screen; nothing
 * sleeps for a fixed time.
 */
export type TmuxSession = {
  readonly name: string;
  /** Where the shell writes the program's exit status once it has ended. */
  readonly statusFile: string;
  screen(): string;
  /** The screen with the lines scrolled off its top, for what a program printed as it ended. */
  transcript(): string;
  /** Types text literally, one key event per character as a person (or SSH) would send it. */
  type(text: string): void;
  /** Sends named keys such as Enter, Escape, Space, Up, PageDown, C-c. */
  keys(...names: string[]): void;
  /** Pastes text in one chunk, the way a terminal delivers a clipboard paste. */
  paste(text: string): void;
  waitFor(predicate: string | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  waitForExit(timeoutMs?: number): Promise<void>;
  alive(): boolean;
  kill(): void;
};

function tmux(args: string[]): string {
  return execFileSync('tmux', args, {encoding: 'utf8'});
}

export function startTmux(
  command: string,
  options: {columns?: number; rows?: number; env?: Record<string, string>} = {},
): TmuxSession {
  requireTool('tmux', 'tmux');
  const name = `mse-bind-test-${randomUUID().slice(0, 8)}`;
  // tmux learns a pane's exit status only once it has reaped the process, which on a loaded
  // machine can lag by seconds; the shell that ran the program knows at once, so it writes it.
  const statusFile = join(tmpdir(), `${name}.status`);
  const wrapped = `${command}\nprintf '%s' "$?" > '${statusFile}'`;
  const env = Object.entries({TERM: 'xterm-256color', ...options.env}).map(
    ([key, value]) => `${key}=${value}`,
  );
  // remain-on-exit keeps the pane after the program ends so its last screen can be read.
  tmux([
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(options.columns ?? 80),
    '-y',
    String(options.rows ?? 25),
    'env',
    ...env,
    'sh',
    '-c',
    wrapped,
  ]);
  tmux(['set-option', '-t', name, 'remain-on-exit', 'on']);

  const session: TmuxSession = {
    name,
    statusFile,
    screen: () => tmux(['capture-pane', '-p', '-t', name]),
    transcript: () => tmux(['capture-pane', '-p', '-S', '-200', '-t', name]),
    type: (text) => {
      tmux(['send-keys', '-t', name, '-l', text]);
    },
    keys: (...names) => {
      tmux(['send-keys', '-t', name, ...names]);
    },
    paste: (text) => {
      const buffer = `${name}-paste`;
      tmux(['set-buffer', '-b', buffer, text]);
      tmux(['paste-buffer', '-d', '-b', buffer, '-t', name]);
    },
    async waitFor(predicate, timeoutMs = 15_000) {
      const test = typeof predicate === 'string' ? (s: string) => s.includes(predicate) : predicate;
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        last = session.screen();
        if (test(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out waiting for ${String(predicate)}; screen was:\n${last}`);
    },
    async waitForExit(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (readStatus(statusFile) !== undefined) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`program in ${name} did not exit; screen was:\n${session.screen()}`);
    },
    alive: () => spawnSync('tmux', ['has-session', '-t', name]).status === 0,
    kill: () => {
      spawnSync('tmux', ['kill-session', '-t', name]);
      rmSync(statusFile, {force: true});
    },
  };
  return session;
}

function readStatus(file: string): number | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text === '' ? undefined : Number(text);
  } catch {
    return undefined;
  }
}

/**
 * The exit status of the program once `waitForExit` returned (128 + n if signal n ended it);
 * NaN if it has not ended.
 */
export function paneExitStatus(session: TmuxSession): number {
  return readStatus(session.statusFile) ?? Number.NaN;
}
