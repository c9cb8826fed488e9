import {BindError} from '../bind/errors.js';
import type {SiteSecrets} from '../bind/settings.js';

/**
 * Secrets for the non-interactive commands come from stdin (`--password-stdin`, one a line in
 * this order) or from environment variables; never from the command line. A line left empty
 * (or missing) falls back to the variable, then to the saved binding.
 */
export const stdinSecretOrder = [
  'password',
  'directoryPassword',
  'exchangePassword',
  'appKey',
  'exchangeClientSecret',
] as const;
export type SecretName = (typeof stdinSecretOrder)[number];

export const secretEnvironment: Readonly<Record<SecretName, string>> = {
  password: 'MSE_BIND_PASSWORD',
  directoryPassword: 'MSE_BIND_DIRECTORY_PASSWORD',
  exchangePassword: 'MSE_BIND_EXCHANGE_PASSWORD',
  appKey: 'MSE_BIND_APP_KEY',
  exchangeClientSecret: 'MSE_BIND_EXCHANGE_CLIENT_SECRET',
};

export const secretLabels: Readonly<Record<SecretName, string>> = {
  password: 'the Mimecast administrator password',
  directoryPassword: 'the directory service account password',
  exchangePassword: 'the Exchange service account password',
  appKey: 'the Mimecast application key',
  exchangeClientSecret: 'the Exchange Online OAuth client secret',
};

/** Five secrets of at most a few hundred characters each; more is not a list of secrets. */
const maxStdinBytes = 64 * 1024;

/**
 * Reads stdin to its end, at most `maxLines` lines; refuses a terminal, where typed passwords
 * would be echoed. More lines than secrets are refused rather than ignored: they mean the
 * secrets are not in the order the command reads them.
 */
export async function readStdinLines(
  maxLines: number,
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<string[]> {
  if (stdin.isTTY) {
    throw new BindError(
      'input',
      '--password-stdin reads secrets from a pipe or a file, but standard input is a terminal.',
      'Pipe the secrets in (one a line), set the MSE_BIND_* variables, or run the wizard.',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.from(chunk);
    size += buffer.length;
    if (size > maxStdinBytes) {
      stdin.destroy();
      throw new BindError(
        'input',
        'Standard input holds more than 64 KiB, which is not a list of secrets.',
        'Pipe in only the secrets, one a line.',
      );
    }
    chunks.push(buffer);
  }
  // A byte order mark (Windows PowerShell writes one) is not part of the first password.
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  while (lines.at(-1) === '') lines.pop();
  if (lines.length > maxLines) {
    throw new BindError(
      'input',
      `Standard input holds ${lines.length} lines, and this command reads at most ${maxLines}.`,
      maxLines === 1
        ? 'Pipe in the new password alone, on one line.'
        : `Pipe in the secrets one a line, in this order: ${stdinSecretOrder
            .map((name) => secretLabels[name].replace(/^the /, ''))
            .join(', ')}.`,
    );
  }
  return lines;
}

export type SecretSources = {
  readonly lines: readonly string[] | null;
  readonly env: NodeJS.ProcessEnv;
  readonly saved: SiteSecrets | null;
};

export function secretFrom(name: SecretName, sources: SecretSources): string {
  const line = sources.lines?.[stdinSecretOrder.indexOf(name)];
  if (line) return line;
  const variable = sources.env[secretEnvironment[name]];
  if (variable) return variable;
  if (name !== 'password' && sources.saved) return sources.saved[name] ?? '';
  return '';
}

export function siteSecretsFrom(sources: SecretSources): SiteSecrets {
  return {
    appKey: secretFrom('appKey', sources),
    directoryPassword: secretFrom('directoryPassword', sources),
    exchangePassword: secretFrom('exchangePassword', sources),
    exchangeClientSecret: secretFrom('exchangeClientSecret', sources),
  };
}
