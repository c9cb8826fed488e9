import {Text} from 'ink';
import {useTerminalCaps} from './use-terminal-caps.js';

export type FieldLabelProps = {
  readonly label: string;
  readonly focused: boolean;
  /** The field has a problem to fix. */
  readonly flagged?: boolean;
  /** Pads the label so the values of a form line up in one column. */
  readonly labelWidth?: number;
};

/**
 * `>` marks the focused field and `!` a field with a problem, in two columns before the label,
 * so both show without colour (`NO_COLOR`, monochrome consoles).
 */
export function FieldLabel({label, focused, flagged = false, labelWidth = 0}: FieldLabelProps) {
  const {tint} = useTerminalCaps();
  return (
    <Text bold={focused} color={flagged ? tint('red') : undefined}>
      {focused ? '>' : ' '}
      {flagged ? '!' : ' '} {label.padEnd(labelWidth)}{' '}
    </Text>
  );
}
