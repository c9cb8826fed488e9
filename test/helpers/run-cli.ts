import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const bundle = fileURLToPath(new URL('../../dist/cli.mjs', import.meta.url));

export type CliRun = {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
};

export type CliOptions = {
  /** Written to stdin, which is then closed; stdin is a pipe, never a terminal. */
  readonly input?: string | Buffer;
  /**
   * Leave stdin open after the input, as a writer that keeps the pipe open would (a secrets
   * agent, `(printf …; sleep 60) |`); it closes only when the child ends.
   */
  readonly holdStdin?: boolean;
  /** Changes to this process's environment; undefined removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called once the child runs, e.g. to interrupt it. */
  readonly onSpawn?: (child: ReturnType<typeof spawn>) => void;
  /** A file descriptor to give the child as stdout (e.g. /dev/full's); stdout is not collected. */
  readonly stdoutFd?: number;
};

/** Runs the built program as a user's shell would, and collects what it printed. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  if (!existsSync(bundle)) throw new Error('dist/cli.mjs is missing: run `npm run build` first');
  const env: NodeJS.ProcessEnv = {...process.env};
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: projectRoot,
      env,
      stdio: ['pipe', options.stdoutFd ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({code, stdout, stderr}));
    // A child that stops reading closes the pipe: a write or end after that is no failure here.
    child.stdin?.on('error', () => undefined);
    if (options.holdStdin) child.stdin?.write(options.input ?? '');
    else child.stdin?.end(options.input ?? '');
    options.onSpawn?.(child);
  });
}
