/**
 * Advice names commands as the administrator will type them, where the advice is read. The
 * error's author deep in storage or the bind cannot know that place; it is known here, where
 * the command line and standard input are:
 *
 * - When --state-dir chose the directory, every advised command needs it too, or it would act
 *   on the default directory. MSE_BIND_STATE_DIR needs nothing: it is still set.
 * - Without a terminal on standard input (a script, a service), unbind cannot ask its question
 *   and refuses to run without --yes, so advice to run it carries --yes there. In a terminal
 *   it asks, as it should.
 *
 * Commands are recognised as `mse-bind` followed by a command word, or the wizard as
 * `` `mse-bind` `` in backticks: a bare "mse-bind" in a sentence ("another mse-bind is
 * binding") is the program, not a command to run.
 */
export type AdviceContext = {
  /** The --state-dir given on the command line, if any. */
  readonly stateDir: string | undefined;
  /** True when standard input is a terminal, where unbind can ask for confirmation. */
  readonly terminal: boolean;
};

/** The context of this process: its --state-dir, and whether stdin is a terminal. */
export function adviceContext(stateDir: string | undefined): AdviceContext {
  return {stateDir, terminal: process.stdin.isTTY === true};
}

const advisedCommand = /`mse-bind`|\bmse-bind (?:unbind|rebind|status|run|bind)\b/g;

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `"${text.replaceAll('"', '\\"')}"`;
}

export function adviceFor(text: string, context: AdviceContext): string {
  return text.replace(advisedCommand, (match: string, offset: number) => {
    // What follows, up to the end of this command: a backtick, a semicolon or a line end.
    const rest = /^[^`;\n]*/.exec(text.slice(offset + match.length))?.[0] ?? '';
    const quotedWizard = match.startsWith('`');
    const command = quotedWizard ? 'mse-bind' : match;
    const added: string[] = [];
    if (context.stateDir !== undefined && !rest.startsWith(' --state-dir')) {
      added.push(`--state-dir ${shellWord(context.stateDir)}`);
    }
    if (command === 'mse-bind unbind' && !context.terminal && !/\s--yes\b/.test(rest)) {
      added.push('--yes');
    }
    const advised = [command, ...added].join(' ');
    return quotedWizard ? `\`${advised}\`` : advised;
  });
}
