import {Box, Text} from 'ink';
import {FieldError} from './FieldError.js';
import {FieldLabel} from './FieldLabel.js';
import {OneLine} from './OneLine.js';
import {fieldDisplay} from './text-field-display.js';
import type {FieldState} from './text-field-state.js';

export type TextFieldProps = {
  readonly label: string;
  readonly field: FieldState;
  /** Shows the cursor; input itself is routed by the app root, not by this view. */
  readonly focused: boolean;
  /** One `*` per character instead of the value (passwords, keys). */
  readonly masked?: boolean;
  /** Columns for the value; a longer value scrolls with the cursor. */
  readonly width?: number;
  /** Shown dimmed while the value is empty. */
  readonly placeholder?: string;
  /** `true` marks the field as the one to fix; a string also says why, on the line below. */
  readonly error?: string | boolean;
  readonly labelWidth?: number;
};

/** A labelled one-line text field, with an inverse-video cursor when focused. */
export function TextField(props: TextFieldProps) {
  const display = fieldDisplay(props.field, props);
  const showPlaceholder = props.field.value === '' && Boolean(props.placeholder);

  return (
    <Box flexDirection="column">
      <OneLine>
        <FieldLabel
          label={props.label}
          focused={props.focused}
          flagged={Boolean(props.error)}
          labelWidth={props.labelWidth}
        />
        {display.before}
        <Text inverse>{display.atCursor}</Text>
        {display.after}
        {showPlaceholder ? <Text dimColor>{props.placeholder}</Text> : null}
      </OneLine>
      <FieldError error={props.error} />
    </Box>
  );
}
