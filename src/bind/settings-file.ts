import {readFile, writeFile} from 'node:fs/promises';
import {BindError} from './errors.js';
import {hasControlCharacter} from './control-characters.js';
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

function findControlCharacter(value: unknown, path: string): string | null {
  if (typeof value === 'string') return hasControlCharacter(value) ? path.slice(0, -1) : null;
  if (!isObject(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findControlCharacter(child, `${path}${key}.`);
    if (found) return found;
  }
  return null;
}

function merge<T>(base: T, override: unknown, path: string, file: string): T {
  if (override === undefined) return base;
  if (isObject(base)) {
    if (!isObject(override)) throw invalid(file, `${path} must be an object`);
    const result: Json = {...base};
    for (const [key, value] of Object.entries(override)) {
      if (!(key in base)) throw invalid(file, `unknown setting "${path}${key}"`);
      result[key] = merge((base as Json)[key], value, `${path}${key}.`, file);
    }
    return result as T;
  }
  if (typeof base !== typeof override) {
    throw invalid(file, `${path.slice(0, -1)} must be a ${typeof base}`);
  }
  return override as T;
}

function invalid(file: string, detail: string): BindError {
  return new BindError(
    'input',
    `The settings file ${file} is not valid: ${detail}.`,
    'Correct the file (JSON, as written by `mse-bind simulate --write-config`) or leave it out.',
  );
}

export async function readSettingsFile(file: string): Promise<SiteSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
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
    throw invalid(file, (error as Error).message);
  }
  const secret = findSecretKey(parsed, '');
  if (secret) {
    throw invalid(file, `"${secret}" looks like a secret; secrets never go in settings files`);
  }
  const control = findControlCharacter(parsed, '');
  if (control) throw invalid(file, `"${control}" contains a control character`);
  return merge(emptySettings(), parsed, '', file);
}

export async function writeSettingsFile(file: string, settings: SiteSettings): Promise<void> {
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`, {mode: 0o644});
}
