import {useLayoutEffect} from 'react';
import {useStdin} from 'ink';
import {createInputGuard} from '../input-guard.js';

/**
 * Puts the input guard (input-guard.ts) between Ink's input parser and every `useInput` of
 * this render, for as long as the calling component is mounted. A layout effect, so that it
 * is in place before the root's `useInput` turns raw mode on and Ink starts reading.
 *
 * Limitation: Ink 6.8 has no way to filter input before `useInput` sees it; the guard wraps
 * `emit` of the event emitter Ink hands its parsed input to (`internal_eventEmitter` of
 * `useStdin`, an Ink internal, pinned at 6.8.0). The input-guard tests fail if an upgrade
 * changes it.
 */
export function useInputGuard(): void {
  const {internal_eventEmitter: emitter} = useStdin();

  useLayoutEffect(() => {
    const guard = createInputGuard();
    const emit = emitter.emit;
    let burstEnd: NodeJS.Immediate | undefined;

    // Ink emits everything one read delivered in one go: a control string left open by it
    // ends when that input does, so that keys typed afterwards are never swallowed.
    const endBurst = () => {
      burstEnd = undefined;
      guard.reset();
    };

    emitter.emit = function guardedEmit(name: string | symbol, ...args: unknown[]): boolean {
      const [event] = args;
      if (name !== 'input' || typeof event !== 'string') return emit.call(this, name, ...args);
      burstEnd ??= setImmediate(endBurst);
      for (const passed of guard.pass(event)) emit.call(this, name, passed);
      return true;
    };

    return () => {
      emitter.emit = emit;
      if (burstEnd) clearImmediate(burstEnd);
    };
  }, [emitter]);
}
