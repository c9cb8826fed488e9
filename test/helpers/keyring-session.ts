import {spawn, execFile, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import {constants} from 'node:fs';
import {access, mkdir, mkdtemp, rm} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';

/**
 * A private, unlocked Secret Service for the tests: a session D-Bus of our own and
 * gnome-keyring-daemon on it, both in the foreground so they are stopped by PID. It follows
 * the wrapper in real-services.md §3, in-process so the test can point keytar at it.
 *
 * Start it before the first keytar call in the process: libsecret connects to the bus named by
 * DBUS_SESSION_BUS_ADDRESS once and keeps that connection.
 */
export type KeyringSession = {
  /** A reason to skip when the services are missing (and not required); false when running. */
  readonly skip: string | false;
  /** The private bus, for child processes that should see the same keyring. */
  readonly busAddress: string;
  stop(): Promise<void>;
};

const debianPackages = 'gnome-keyring dbus libsecret-1-dev';
const requiredBinaries = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon'];

async function findExecutable(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

function keytarLoadError(): string | null {
  try {
    createRequire(import.meta.url)('keytar');
    return null;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : 'unknown';
  }
}

/** Missing pieces, in words; null when everything is installed. */
async function missingPieces(): Promise<string | null> {
  const found = await Promise.all(requiredBinaries.map(findExecutable));
  const missing = requiredBinaries.filter((_, index) => found[index] === null);
  const parts = missing.length > 0 ? [`${missing.join(', ')} not on PATH`] : [];
  const keytarError = keytarLoadError();
  if (keytarError) parts.push(`keytar not loadable (${keytarError})`);
  return parts.length > 0 ? parts.join('; ') : null;
}

function skipped(reason: string): KeyringSession {
  return {skip: reason, busAddress: '', stop: async () => undefined};
}

function unrefOutput(child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    (stream as unknown as {unref?: () => void} | null)?.unref?.();
  }
  child.unref();
}

function collect(child: ChildProcess): () => string {
  let text = '';
  const add = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

/** The first line dbus-daemon prints with --print-address: the bus address. */
async function readBusAddress(bus: ChildProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const line = output()
      .split('\n')
      .find((candidate) => candidate.startsWith('unix:'));
    if (line) return line.trim();
    if (bus.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`dbus-daemon gave no address: ${output()}`);
}

function nameHasOwner(busAddress: string): Promise<boolean> {
  const args = [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.NameHasOwner',
    'string:org.freedesktop.secrets',
  ];
  return new Promise((resolve) => {
    execFile(
      'dbus-send',
      args,
      {env: {...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress}},
      (error, stdout) => resolve(!error && stdout.includes('boolean true')),
    );
  });
}

/**
 * Waits until the keyring owns org.freedesktop.secrets; before that, a keytar call would make
 * D-Bus start a second, locked daemon of its own.
 */
async function waitForSecretService(
  busAddress: string,
  keyring: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await nameHasOwner(busAddress)) return;
    if (keyring.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gnome-keyring-daemon did not take the Secret Service name: ${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the session and points this process at it. Without the binaries it returns a skip
 * reason naming the Debian packages, or throws when MSE_BIND_REQUIRE_SERVICES is set (CI).
 */
export async function startKeyringSession(): Promise<KeyringSession> {
  const missing = await missingPieces();
  if (missing) {
    const detail = `${missing} (Debian packages: ${debianPackages})`;
    if (process.env.MSE_BIND_REQUIRE_SERVICES) {
      throw new Error(
        `MSE_BIND_REQUIRE_SERVICES is set but the real Secret Service is unavailable: ${detail}`,
      );
    }
    return skipped(`no real Secret Service: ${detail}`);
  }

  const root = await mkdtemp(join(tmpdir(), 'mse-bind-keyring-'));
  const dirs = {data: join(root, 'data'), runtime: join(root, 'runtime')};
  await mkdir(dirs.data, {mode: 0o700});
  await mkdir(dirs.runtime, {mode: 0o700});

  const children: ChildProcess[] = [];
  const killOnExit = () => {
    for (const child of children) {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  };
  process.on('exit', killOnExit);

  const previousAddress = process.env.DBUS_SESSION_BUS_ADDRESS;
  const stop = async () => {
    for (const child of [...children].reverse()) await stopChild(child);
    process.off('exit', killOnExit);
    if (previousAddress === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = previousAddress;
    await rm(root, {recursive: true, force: true});
  };

  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_DATA_HOME: dirs.data,
      XDG_RUNTIME_DIR: dirs.runtime,
      XDG_CONFIG_HOME: join(root, 'config'),
      XDG_CACHE_HOME: join(root, 'cache'),
    };
    delete env.DISPLAY;

    const bus = spawn(
      'dbus-daemon',
      ['--session', '--nofork', '--print-address', `--address=unix:path=${join(root, 'bus')}`],
      {env, stdio: ['ignore', 'pipe', 'pipe']},
    );
    children.push(bus);
    const busOutput = collect(bus);
    unrefOutput(bus);
    const busAddress = await readBusAddress(bus, busOutput);

    const keyring = spawn(
      'gnome-keyring-daemon',
      ['--foreground', '--unlock', '--components=secrets'],
      {env: {...env, DBUS_SESSION_BUS_ADDRESS: busAddress}, stdio: ['pipe', 'pipe', 'pipe']},
    );
    children.push(keyring);
    const keyringOutput = collect(keyring);
    // --unlock reads the new login keyring's password from stdin, up to end of file.
    keyring.stdin?.end(randomBytes(12).toString('hex'));
    unrefOutput(keyring);
    await waitForSecretService(busAddress, keyring, keyringOutput);

    process.env.DBUS_SESSION_BUS_ADDRESS = busAddress;
    return {skip: false, busAddress, stop};
  } catch (error) {
    await stop();
    throw error;
  }
}
