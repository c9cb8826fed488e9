import type {Key} from 'ink';

export type ChoiceOption<T extends string = string> = {readonly value: T; readonly label: string};

/** The choice after one input event, and whether that event asked to submit it. */
export type ChoiceEdit<T extends string = string> = {
  readonly value: T;
  readonly submitted: boolean;
};

/** The next (1) or previous (-1) option, wrapping at either end; a value not listed starts over. */
export function cycleChoice<T extends string>(
  options: readonly ChoiceOption<T>[],
  value: T,
  direction: 1 | -1,
): T {
  if (options.length === 0) return value;
  const index = options.findIndex((option) => option.value === value);
  const from = index === -1 ? (direction === 1 ? -1 : 0) : index;
  const next = (from + direction + options.length) % options.length;
  return options[next]?.value ?? value;
}

/** The label shown for `value`; the raw value when it is not one of the options. */
export function choiceLabel<T extends string>(
  options: readonly ChoiceOption<T>[],
  value: T,
): string {
  return options.find((option) => option.value === value)?.label ?? value;
}

/**
 * Left and right (and Space) cycle through the options; a letter jumps to the next option whose
 * label starts with it. Like a text field, a whole type-ahead chunk is applied in order and its
 * first line break submits.
 */
export function editChoice<T extends string>(
  options: readonly ChoiceOption<T>[],
  value: T,
  input: string,
  key: Key,
): ChoiceEdit<T> {
  if (key.return) return {value, submitted: true};
  if (key.leftArrow) return {value: cycleChoice(options, value, -1), submitted: false};
  if (key.rightArrow) return {value: cycleChoice(options, value, 1), submitted: false};
  if (key.ctrl || key.meta || key.escape || key.tab) return {value, submitted: false};

  let current = value;
  for (const char of input) {
    if (char === '\r' || char === '\n') return {value: current, submitted: true};
    current = char === ' ' ? cycleChoice(options, current, 1) : jumpedTo(options, current, char);
  }
  return {value: current, submitted: false};
}

function jumpedTo<T extends string>(
  options: readonly ChoiceOption<T>[],
  value: T,
  char: string,
): T {
  const wanted = char.toLocaleLowerCase();
  const index = options.findIndex((option) => option.value === value);
  for (let step = 1; step <= options.length; step += 1) {
    const option = options[(index + step + options.length) % options.length];
    if (option?.label.toLocaleLowerCase().startsWith(wanted)) return option.value;
  }
  return value;
}
