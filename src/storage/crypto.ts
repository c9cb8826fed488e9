import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto';
import {DamagedBindingError, removeDamagedBinding} from './damaged-binding.js';
import type {KeyLocation} from './data-key.js';

/*
 * The encrypted binding file, AES-256-GCM:
 *
 *   offset  size  field
 *        0     8  magic "MSE-BIND"
 *        8     1  format version (1)
 *        9     1  where the data key lives (1 keychain, 2 key file)
 *       10     4  plaintext length, big-endian
 *       14    12  random IV
 *       26    16  GCM tag
 *       42     n  ciphertext
 *
 * The 14 header bytes are the associated data, so a changed header fails the tag check like a
 * changed ciphertext does. The length lets a cut-short file be told apart from an altered one.
 */
const magic = Buffer.from('MSE-BIND', 'ascii');
export const envelopeVersion = 1;
const headerLength = magic.length + 1 + 1 + 4;
const ivLength = 12;
const tagLength = 16;
const prefixLength = headerLength + ivLength + tagLength;

const locationCodes: Readonly<Record<KeyLocation, number>> = {keychain: 1, 'key-file': 2};

export type EnvelopeHeader = {
  readonly version: number;
  readonly keyLocation: KeyLocation;
  /** Plaintext length in bytes. */
  readonly length: number;
};

const recoveryFix =
  'The file is left as it is. Restore it from a backup, or ' + `${removeDamagedBinding}.`;

function damaged(message: string, cause?: unknown): DamagedBindingError {
  return new DamagedBindingError(message, recoveryFix, {cause});
}

function truncated(path: string, actual: number, expected: number | null): DamagedBindingError {
  const size = expected === null ? `${actual} bytes` : `${actual} of ${expected} bytes`;
  return damaged(`The binding file ${path} is truncated (${size}): it was cut short.`);
}

function locationFromCode(code: number | undefined): KeyLocation | undefined {
  return (Object.keys(locationCodes) as KeyLocation[]).find((key) => locationCodes[key] === code);
}

/** Encrypts the plaintext under a fresh random IV; the result is the whole file. */
export function sealEnvelope(plaintext: Buffer, key: Buffer, keyLocation: KeyLocation): Buffer {
  const header = Buffer.alloc(headerLength);
  magic.copy(header, 0);
  header.writeUInt8(envelopeVersion, magic.length);
  header.writeUInt8(locationCodes[keyLocation], magic.length + 1);
  header.writeUInt32BE(plaintext.length, magic.length + 2);

  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv, {authTagLength: tagLength});
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

/**
 * Reads the clear header, which says where the data key lives. It is trusted only once
 * `openEnvelope` has checked the tag over it.
 */
export function readEnvelopeHeader(file: Buffer, path: string): EnvelopeHeader {
  const magicPart = file.subarray(0, magic.length);
  if (!magicPart.equals(magic.subarray(0, magicPart.length))) {
    throw damaged(
      `The binding file ${path} does not start with the mse-bind header: it was tampered with ` +
        'or is not a binding file.',
    );
  }
  if (file.length < prefixLength) throw truncated(path, file.length, null);

  const version = file.readUInt8(magic.length);
  if (version !== envelopeVersion) {
    throw damaged(
      `The binding file ${path} uses format version ${version}, which this mse-bind does not ` +
        `read (it reads version ${envelopeVersion}); it was written by another version or ` +
        'tampered with.',
    );
  }

  const keyLocation = locationFromCode(file.readUInt8(magic.length + 1));
  if (!keyLocation) {
    throw damaged(`The binding file ${path} names an unknown key location: it was tampered with.`);
  }

  const length = file.readUInt32BE(magic.length + 2);
  const expected = prefixLength + length;
  if (file.length < expected) throw truncated(path, file.length, expected);
  if (file.length > expected) {
    throw damaged(
      `The binding file ${path} has ${file.length - expected} bytes after its end: it was ` +
        'tampered with.',
    );
  }

  return {version, keyLocation, length};
}

/** Checks the tag over header and ciphertext and returns the plaintext. */
export function openEnvelope(file: Buffer, key: Buffer, path: string): Buffer {
  readEnvelopeHeader(file, path);

  const header = file.subarray(0, headerLength);
  const iv = file.subarray(headerLength, headerLength + ivLength);
  const tag = file.subarray(headerLength + ivLength, prefixLength);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, {authTagLength: tagLength});
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(file.subarray(prefixLength)), decipher.final()]);
  } catch (error) {
    throw damaged(
      `The binding file ${path} failed its integrity check: it was tampered with or damaged, ` +
        'or its data key was replaced.',
      error,
    );
  }
}
