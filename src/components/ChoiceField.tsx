import {Box, Text} from 'ink';
import {FieldError} from './FieldError.js';
import {FieldLabel} from './FieldLabel.js';
import {OneLine} from './OneLine.js';
import type {ChoiceOption} from './choice-state.js';
import {choiceLabel} from './choice-state.js';

export type ChoiceFieldProps<T extends string> = {
  readonly label: string;
  readonly options: readonly ChoiceOption<T>[];
  readonly value: T;
  readonly focused: boolean;
  /** `true` marks the field as the one to fix; a string also says why, on the line below. */
  readonly error?: string | boolean;
  readonly labelWidth?: number;
};

/** A labelled choice drawn as `< Active Directory >`; the arrows say how to change it. */
export function ChoiceField<T extends string>(props: ChoiceFieldProps<T>) {
  return (
    <Box flexDirection="column">
      <OneLine>
        <FieldLabel
          label={props.label}
          focused={props.focused}
          flagged={Boolean(props.error)}
          labelWidth={props.labelWidth}
        />
        {'< '}
        <Text inverse={props.focused}>{choiceLabel(props.options, props.value)}</Text>
        {' >'}
      </OneLine>
      <FieldError error={props.error} />
    </Box>
  );
}
