import {Text, useInput} from 'ink';
import type {Key} from 'ink';
import {useInputGuard} from '../../src/components/use-input-guard.js';
import {renderInk} from './ink-harness.js';

/** One call of the root's input handler: what Ink's `useInput` reported. */
export type RootKey = {readonly input: string; readonly key: Key};

export type KeyRecorder = {
  /**
   * Sends `chunk` as one read, the way a terminal delivers a key or a paste, and returns what
   * the root's handler got for it, an escape left open at its end included (Ink reports that
   * on the next turn of the event loop).
   */
  keysOf(chunk: string): Promise<RootKey[]>;
  close(): void;
};

type RecorderProps = {readonly onKey: (input: string, key: Key) => void};

/** The wizard's input path without the wizard: the input guard in front of one `useInput`. */
function Recorder({onKey}: RecorderProps) {
  useInputGuard();
  useInput(onKey);
  return <Text>recording keys</Text>;
}

/** Real Ink on fake streams, parsing what a terminal sends exactly as the program does. */
export function startKeyRecorder(): KeyRecorder {
  const keys: RootKey[] = [];
  const onKey = (input: string, key: Key) => keys.push({input, key});
  const harness = renderInk(<Recorder onKey={onKey} />);
  return {
    async keysOf(chunk) {
      keys.length = 0;
      await harness.type(chunk);
      await new Promise((resolve) => setImmediate(resolve));
      return [...keys];
    },
    close: () => harness.unmount(),
  };
}
