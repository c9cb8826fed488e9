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

/** Reads stdin to its end; refuses a terminal, where typed passwords would be echoed. */
export async function readStdinLines(stdin: NodeJS.ReadStream = process.stdin): Promise<string[]> {
  if (stdin.isTTY) {
    throw new BindError(
      'input',
      '--password-stdin reads secrets from a pipe or a file, but standard input is a terminal.',
      'Pipe the secrets in (one a line), set the MSE_BIND_* variables, or run the wizard.',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
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
