import {Fragment} from 'react';
import {Text} from 'ink';
import {OneLine} from './OneLine.js';

/** One key and what it does on the current screen, e.g. `{key: 'Esc', action: 'back'}`. */
export type KeyHint = {readonly key: string; readonly action: string};

export type KeyHintsProps = {readonly hints: readonly KeyHint[]};

/** The screen's keys on one line: `Enter next  Esc back  Tab field  Ctrl+C quit`. */
export function KeyHints({hints}: KeyHintsProps) {
  return (
    <OneLine>
      {hints.map((hint, index) => (
        <Fragment key={hint.key}>
          {index > 0 ? '  ' : ''}
          <Text bold>{hint.key}</Text> {hint.action}
        </Fragment>
      ))}
    </OneLine>
  );
}
