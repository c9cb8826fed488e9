import {createContext, useContext} from 'react';
import type {TerminalCaps} from './terminal-caps.js';
import {detectTerminalCaps} from './terminal-caps.js';
import type {Symbols} from './symbols.js';
import {symbolsFor} from './symbols.js';

const TerminalCapsContext = createContext<TerminalCaps>(detectTerminalCaps());
TerminalCapsContext.displayName = 'TerminalCapsContext';

/** Overrides the detected capabilities for a subtree (the app root after its own checks, tests). */
export const TerminalCapsProvider = TerminalCapsContext.Provider;

export type TerminalStyle = TerminalCaps & {
  readonly symbols: Symbols;
  /** The colour to pass to Ink, or nothing at all when colour is off (`NO_COLOR`). */
  readonly tint: (color: string) => string | undefined;
};

export function useTerminalCaps(): TerminalStyle {
  const caps = useContext(TerminalCapsContext);
  return {
    ...caps,
    symbols: symbolsFor(caps),
    tint: (color) => (caps.color ? color : undefined),
  };
}
