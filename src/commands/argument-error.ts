import {parseArgs, type ParseArgsConfig} from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * What is wrong with a command line that parseArgs refused, in the program's words: Node's own
 * text is written for programmers (and misquotes what it suggests). The arguments are read
 * again without strictness, token by token; no value is ever repeated, only option names.
 */
export function describeArgumentError(args: readonly string[], options: OptionsConfig): string {
  const {tokens} = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const config = options[token.name];
    if (config === undefined) return `unknown option ${token.rawName}`;
    const shown = token.rawName.startsWith('--') ? token.rawName : `--${token.name}`;
    if (config.type === 'boolean' && token.value !== undefined) {
      return `option ${shown} takes no value`;
    }
    if (config.type !== 'string') continue;
    if (token.value === undefined) return `option ${shown} needs a value (${shown} VALUE)`;
    if (!token.inlineValue && token.value.startsWith('-')) {
      return (
        `option ${shown} needs a value, and the next argument looks like an option; write ` +
        `${shown}=VALUE if the value really starts with "-"`
      );
    }
  }
  return 'the command line cannot be read';
}
