import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {fileURLToPath} from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const holderScript = fileURLToPath(new URL('./lock-holder.ts', import.meta.url));

export type LockHolder = {
  readonly child: ChildProcess;
  /** Asks the holder to release the lock, and waits until it has. */
  release(): Promise<void>;
};

/** Starts another process that takes the state directory's lock; resolves once it holds it. */
export async function startLockHolder(stateDir: string, staleMs: number): Promise<LockHolder> {
  const child = spawn(process.execPath, ['--import', 'tsx', holderScript, stateDir, `${staleMs}`], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const said = async (word: string) => {
    while (!output.includes(word)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the lock holder ended before saying "${word}"`);
      }
      await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    }
  };
  await said('locked');
  return {
    child,
    release: async () => {
      child.stdin.write('release\n');
      await said('released');
    },
  };
}
