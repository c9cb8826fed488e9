import {readFile, stat, writeFile} from 'node:fs/promises';
import {BindError} from './errors.js';
import {hasControlCharacter} from './control-characters.js';
import {
  accessModeOptions,
  authSchemeOptions,
  directoryTypeOptions,
  tlsModeOptions,
  type ChoiceOption,
} from './form.js';
import type {SiteSettings} from './settings.js';
import {emptySettings} from './settings.js';

/**
 * A site settings file: the SiteSettings shape as JSON, any part of which may be left out.
 * It never holds a secret; `secretKeys` below are refused so that nobody starts keeping
 * passwords in it.
 */
const secretKeys = /password|secret|appkey|app_key/i;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function findSecretKey(value: unknown, path: string): string | null {
  if (!isObject(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    if (secretKeys.test(key)) return `${path}${key}`;
    const nested = findSecretKey(child, `${path}${key}.`);
    if (nested) return nested;
  }
  return null;
}

/** The path (`a.b.`, or empty for the top level) of a string holding a control character. */
function findControlCharacter(value: unknown, path: string): string | null {
  if (typeof value === 'string') return hasControlCharacter(value) ? path : null;
  if (!isObject(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findControlCharacter(child, `${path}${key}.`);
    if (found) return found;
  }
  return null;
}

/** How a message names a place in the file: `"directory.port"`, or the file's top level. */
function where(path: string): string {
  return path === '' ? 'the top level' : `"${path.slice(0, -1)}"`;
}

/** What a JSON value is, as a message says it: `an array`, `null`, `a string`. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function merge<T>(base: T, override: unknown, path: string, file: string): T {
  if (override === undefined) return base;
  if (isObject(base)) {
    if (!isObject(override)) {
      throw invalid(file, `${where(path)} must be an object ({...}), not ${kindOf(override)}`);
    }
    const result: Json = {...base};
    for (const [key, value] of Object.entries(override)) {
      if (!(key in base)) throw invalid(file, `unknown setting "${path}${key}"`);
      result[key] = merge((base as Json)[key], value, `${path}${key}.`, file);
    }
    return result as T;
  }
  if (typeof base !== typeof override || override === null) {
    throw invalid(file, `${where(path)} must be a ${typeof base}, not ${kindOf(override)}`);
  }
  return override as T;
}

/** The values a setting may take, where it has a fixed list, by its path in the file. */
const choices: Readonly<Record<string, readonly ChoiceOption[]>> = {
  'directory.type': directoryTypeOptions,
  'directory.tlsMode': tlsModeOptions,
  'exchange.authScheme': authSchemeOptions,
  'exchange.accessMode': accessModeOptions,
};

/**
 * Values of the right type that still cannot be used: a choice not on its list, a port that is
 * not a whole number from 1 to 65535. Found here, they are blamed on the file, not on the
 * command-line option that could have overridden them.
 */
function checkValues(settings: SiteSettings, file: string): void {
  for (const [path, options] of Object.entries(choices)) {
    const [group, key] = path.split('.') as [keyof SiteSettings, string];
    const value = (settings[group] as Json)[key];
    if (!options.some((option) => option.value === value)) {
      const allowed = options.map((option) => option.value).join(', ');
      throw invalid(file, `"${path}" must be one of ${allowed}, not "${String(value)}"`);
    }
  }
  const {port} = settings.directory;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw invalid(file, `"directory.port" must be a whole number from 1 to 65535, not ${port}`);
  }
}

function invalid(file: string, detail: string): BindError {
  return new BindError(
    'input',
    `The settings file ${file} is not valid: ${detail}.`,
    'Correct the file (JSON, as written by `mse-bind simulate --write-config`) or leave it out.',
  );
}

/**
 * Why the text is not JSON, without quoting it: Node's own message repeats a piece of the
 * file, which may hold anything (a pasted password, a control character).
 */
function jsonProblem(text: string, error: unknown): string {
  if (text.trim() === '') return 'it is empty; it must hold a JSON object ({...})';
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return 'it is not JSON (check quotes, commas and brackets)';
  const before = text.slice(0, Number(position)).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `it is not JSON: the text at line ${line}, column ${column} is unexpected`;
}

/** Far above any real site's settings; a larger file is not one, and is not read into memory. */
const maxSettingsFileBytes = 1024 * 1024;

export async function readSettingsFile(file: string): Promise<SiteSettings> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      throw new BindError(
        'input',
        `The settings file ${file} is not a regular file.`,
        'Give --config the path of a JSON settings file.',
      );
    }
    if (info.size > maxSettingsFileBytes) {
      throw new BindError(
        'input',
        `The settings file ${file} is larger than 1 MiB, so it is not a settings file.`,
        'Give --config the path of a JSON settings file.',
      );
    }
    // Notepad and Windows PowerShell 5.1 begin UTF-8 files with a byte order mark.
    text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof BindError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new BindError(
      'input',
      `The settings file ${file} cannot be read (${code ?? 'error'}).`,
      'Check the path given to --config.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(file, jsonProblem(text, error));
  }
  const secret = findSecretKey(parsed, '');
  if (secret) {
    throw invalid(file, `"${secret}" looks like a secret; secrets never go in settings files`);
  }
  const control = findControlCharacter(parsed, '');
  if (control !== null) throw invalid(file, `${where(control)} contains a control character`);
  const settings = merge(emptySettings(), parsed, '', file);
  checkValues(settings, file);
  return settings;
}

export async function writeSettingsFile(file: string, settings: SiteSettings): Promise<void> {
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`, {mode: 0o644});
}
