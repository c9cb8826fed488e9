import {execFileSync, spawnSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {requireTool} from './require-tool.js';

/**
 * Drives the built program in a real terminal: a detached tmux session of a fixed size, keys
 * typed with send-keys, the screen read with capture-pane. Waits poll the screen; nothing
 * sleeps for a fixed time.
 */
export type TmuxSession = {
  readonly name: string;
  screen(): string;
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
    command,
  ]);
  tmux(['set-option', '-t', name, 'remain-on-exit', 'on']);

  const session: TmuxSession = {
    name,
    screen: () => tmux(['capture-pane', '-p', '-t', name]),
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
        // tmux marks the pane dead when the terminal closes, and learns the exit status only
        // once it has reaped the process: wait for both.
        const format = '#{pane_dead} #{pane_dead_status}#{pane_dead_signal}';
        const [dead, ended] = tmux(['display-message', '-p', '-t', name, format]).trim().split(' ');
        if (dead === '1' && ended) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`program in ${name} did not exit; screen was:\n${session.screen()}`);
    },
    alive: () => spawnSync('tmux', ['has-session', '-t', name]).status === 0,
    kill: () => {
      spawnSync('tmux', ['kill-session', '-t', name]);
    },
  };
  return session;
}

/** The exit status of the program once `waitForExit` returned; NaN if a signal ended it. */
export function paneExitStatus(session: TmuxSession): number {
  const status = tmux(['display-message', '-p', '-t', session.name, '#{pane_dead_status}']).trim();
  return status === '' ? Number.NaN : Number(status);
}
