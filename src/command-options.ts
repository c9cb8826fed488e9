import {settingsFlagNames} from './commands/settings-flags.js';

/** The commands, as typed; `wizard` is the program run without one. */
export const commandNames = [
  'wizard',
  'bind',
  'rebind',
  'unbind',
  'run',
  'demo',
  'simulate',
  'status',
  'help',
] as const;
export type CommandName = (typeof commandNames)[number];

export function isCommandName(value: string): value is CommandName {
  return (commandNames as readonly string[]).includes(value);
}

const store = ['state-dir', 'allow-key-file'];
const scripted = ['non-interactive', 'json', 'password-stdin', 'email', 'config'];

/**
 * The options each command acts on. Anything else is refused rather than ignored: an option
 * that silently does nothing (a CA file given to `status`) leads an administrator to believe
 * it was used.
 */
function optionsOf(command: CommandName, nonInteractive: boolean): readonly string[] {
  switch (command) {
    case 'wizard':
      return [...store, 'config', 'interval'];
    case 'bind':
      return nonInteractive
        ? [...store, ...scripted, ...settingsFlagNames]
        : [...store, 'config', 'interval', 'non-interactive'];
    case 'rebind':
      return nonInteractive
        ? [...store, ...scripted, 'changed', ...settingsFlagNames]
        : [...store, 'interval', 'non-interactive'];
    case 'unbind':
      return [...store, 'yes', 'local-only', 'ca-file', 'proxy'];
    case 'run':
      return [...store, 'interval', 'start'];
    case 'demo':
      return ['interval'];
    case 'simulate':
      return ['write-config'];
    case 'status':
      return [...store, 'json'];
    case 'help':
      return [];
  }
}

/**
 * The first option given that the command does not act on, as typed (`--json`), or null.
 * --help and --version go with every command.
 */
export function inapplicableOption(
  command: CommandName,
  given: readonly string[],
  nonInteractive: boolean,
): string | null {
  const allowed = new Set([...optionsOf(command, nonInteractive), 'help', 'version']);
  const stray = given.find((name) => !allowed.has(name));
  return stray === undefined ? null : `--${stray}`;
}
