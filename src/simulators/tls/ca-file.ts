import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** A CA certificate written to a file of its own, for the CA file setting. */
export type CaFile = {
  readonly path: string;
  /** Deletes the file and its directory; safe to call twice. */
  remove(): Promise<void>;
};

/**
 * Writes a CA certificate (PEM) to a fresh temporary directory. The directory is private to
 * this process's user (mkdtemp makes it 0700), so nobody else can swap the file.
 */
export async function writeCaFile(certificatePem: string, signal?: AbortSignal): Promise<CaFile> {
  const dir = await mkdtemp(join(tmpdir(), 'mse-bind-ca-'));
  const path = join(dir, 'simulator-ca.pem');
  try {
    await writeFile(path, certificatePem, {encoding: 'utf8', mode: 0o644, signal});
  } catch (error) {
    await rm(dir, {recursive: true, force: true});
    throw error;
  }
  return {path, remove: () => rm(dir, {recursive: true, force: true})};
}
