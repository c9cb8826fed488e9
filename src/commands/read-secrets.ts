import {addAbortSignal} from 'node:stream';
import {BindError, cancelledError} from '../bind/errors.js';
import {throwIfCancelled} from '../storage/cancellation.js';
import type {SiteSecrets} from '../bind/settings.js';
import {hasControlCharacter} from '../bind/control-characters.js';

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

/** Lines ended so far in stdin's text: the part after the last line ending is still open. */
function endedLines(text: string): number {
  return text.split(/\r\n|\r|\n/).length - 1;
}

/**
 * Reads stdin, at most `maxLines` lines; refuses a terminal, where typed passwords would be
 * echoed. More lines than secrets are refused rather than ignored: they mean the secrets are
 * not in the order the command reads them.
 *
 * Reading stops at the end of input, or as soon as the last line the command can use has
 * ended: a writer that keeps the pipe open (a secrets agent, `(printf …; sleep 60) |`) must not
 * hold the bind back until it closes, and the command cannot use anything after that line.
 * Extra lines that came with it, in the same read, are still refused: secrets written in the
 * wrong order arrive together, from one printf or one file. A line arriving later is never
 * read, so it can be neither used nor refused; waiting for it is exactly what must not happen.
 * `signal` ends the reading with the cancelled error (a stop signal while the writer is slow).
 */
export async function readStdinLines(
  maxLines: number,
  stdin: NodeJS.ReadStream = process.stdin,
  signal?: AbortSignal,
): Promise<string[]> {
  if (stdin.isTTY) {
    throw new BindError(
      'input',
      '--password-stdin reads secrets from a pipe or a file, but standard input is a terminal.',
      'Pipe the secrets in (one a line), set the MSE_BIND_* variables, or run the wizard.',
    );
  }
  throwIfCancelled(signal);
  // An abort destroys the stream, which ends the loop below with an AbortError.
  if (signal) addAbortSignal(signal, stdin);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
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
      // Decoded whole each time: in UTF-16 a line ending's byte may be half of another character.
      // Leaving the loop destroys stdin, so nothing more is waited for.
      if (endedLines(decodeStdin(Buffer.concat(chunks))) >= maxLines) break;
    }
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    throw error;
  }
  const text = decodeStdin(Buffer.concat(chunks));
  // CR alone ends a line too (old Mac tools): no secret holds one, so it cannot be part of one.
  const lines = text.split(/\r\n|\r|\n/);
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

/**
 * Stdin as text. Windows tools write UTF-8 with a byte order mark, or UTF-16 with one (Windows
 * PowerShell's Out-File and `>`): the mark says which, and is not part of the first password.
 * UTF-16 without a mark reads as UTF-8 with NULs, which the secret check then refuses by name.
 */
function decodeStdin(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

export type SecretSources = {
  readonly lines: readonly string[] | null;
  readonly env: NodeJS.ProcessEnv;
  readonly saved: SiteSecrets | null;
};

/**
 * The secret `name` from its stdin line (`line`, 0-based), else its variable, else the saved
 * binding. A variable's trailing line ending is dropped as a line's is (`set` in a Windows batch
 * file or a file read whole keeps it). A control character is refused before anything is sent:
 * no password holds one, and a login with it (UTF-16 input's NULs, say) is a failed sign-in
 * that counts toward a lockout.
 */
export function secretFrom(
  name: SecretName,
  sources: SecretSources,
  line = stdinSecretOrder.indexOf(name),
): string {
  const fromLine = sources.lines?.[line];
  if (fromLine) return checkedSecret(name, fromLine, `line ${line + 1} of standard input`);
  const variable = sources.env[secretEnvironment[name]]?.replace(/(\r?\n)+$/, '');
  if (variable) return checkedSecret(name, variable, secretEnvironment[name]);
  if (name !== 'password' && sources.saved) return sources.saved[name] ?? '';
  return '';
}

function checkedSecret(name: SecretName, value: string, source: string): string {
  if (!hasControlCharacter(value)) return value;
  const utf16 = value.includes('\u0000');
  throw new BindError(
    'input',
    `${capitalised(secretLabels[name])} from ${source} contains a control character` +
      (utf16 ? ' (NUL: the input looks like UTF-16 text).' : '.'),
    utf16
      ? 'Give the secrets as UTF-8 text (PowerShell: $OutputEncoding = [Text.UTF8Encoding]::new()).'
      : 'Give the secret exactly as it is, one a line, with nothing else on the line.',
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function siteSecretsFrom(sources: SecretSources): SiteSecrets {
  return {
    appKey: secretFrom('appKey', sources),
    directoryPassword: secretFrom('directoryPassword', sources),
    exchangePassword: secretFrom('exchangePassword', sources),
    exchangeClientSecret: secretFrom('exchangeClientSecret', sources),
  };
}
