import {BindError} from '../bind/errors.js';

export type FileAction = 'read' | 'write' | 'delete' | 'create';

/** The errno code of a Node file-system error, or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as {code?: unknown} | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function fixFor(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space on that volume, then try again.';
    case 'EACCES':
    case 'EPERM':
      return (
        'Run mse-bind as the user that owns the state directory, or point MSE_BIND_STATE_DIR ' +
        'at a directory that user can write.'
      );
    case 'EROFS':
      return 'The volume is read-only: point MSE_BIND_STATE_DIR at a writable directory.';
    case 'EISDIR':
      return 'That path is a directory where a file belongs: move it away, then try again.';
    case 'ENOTDIR':
      return (
        'A part of that path is a file, not a directory: give --state-dir (or ' +
        'MSE_BIND_STATE_DIR) a directory, or move the file away.'
      );
    default:
      return 'Check the state directory and its volume, then try again.';
  }
}

/**
 * Classifies a file-system failure once, where it is caught. The message names the path and the
 * system's code; file contents never reach it.
 */
export function fileError(action: FileAction, path: string, error: unknown): BindError {
  const code = errorCode(error);
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new BindError('storage', `Could not ${action} ${path} (${detail}).`, fixFor(code), {
    cause: error,
  });
}
