import {Text} from 'ink';
import {OneLine} from './OneLine.js';
import {useTerminalCaps} from './use-terminal-caps.js';

export type FieldErrorProps = {
  /** A message to show; `true`, `false` or '' show nothing here (the label carries the mark). */
  readonly error: string | boolean | undefined;
};

/** The problem with a field, on the line under it. */
export function FieldError({error}: FieldErrorProps) {
  const {tint} = useTerminalCaps();
  if (typeof error !== 'string' || error === '') return null;
  return (
    <OneLine>
      {'    '}
      <Text color={tint('red')}>{error}</Text>
    </OneLine>
  );
}
