/** NTLM message layouts (MS-NLMP 2.2), as much as a server reading them needs. */

export const ntlmFlags = {
  unicode: 0x1,
  oem: 0x2,
  requestTarget: 0x4,
  ntlm: 0x200,
  alwaysSign: 0x8000,
  targetTypeDomain: 0x10000,
  extendedSessionSecurity: 0x80000,
  targetInfo: 0x800000,
  version: 0x2000000,
  key128: 0x20000000,
  key56: 0x80000000,
} as const;

const signature = Buffer.from('NTLMSSP\0', 'ascii');

export type NegotiateMessage = {readonly type: 1; readonly flags: number};

export type AuthenticateMessage = {
  readonly type: 3;
  readonly lmResponse: Buffer;
  readonly ntResponse: Buffer;
  readonly domain: string;
  readonly user: string;
  readonly workstation: string;
};

/** Reads a type 1 or type 3 message from its base64 token; null for anything else. */
export function readClientMessage(
  token: string,
  unicode: boolean,
): NegotiateMessage | AuthenticateMessage | null {
  const message = Buffer.from(token, 'base64');
  if (message.length < 16 || !message.subarray(0, 8).equals(signature)) return null;

  const type = message.readUInt32LE(8);
  if (type === 1) return {type: 1, flags: message.readUInt32LE(12)};
  if (type !== 3 || message.length < 52) return null;

  const field = (offset: number): Buffer | null => {
    const length = message.readUInt16LE(offset);
    const start = message.readUInt32LE(offset + 4);
    return start + length > message.length ? null : message.subarray(start, start + length);
  };
  const [lm, nt, domain, user, workstation] = [12, 20, 28, 36, 44].map(field);
  if (!lm || !nt || !domain || !user || !workstation) return null;
  const text = (bytes: Buffer) => bytes.toString(unicode ? 'utf16le' : 'latin1');
  return {
    type: 3,
    lmResponse: lm,
    ntResponse: nt,
    domain: text(domain),
    user: text(user),
    workstation: text(workstation),
  };
}

export type ServerNames = {
  readonly netbiosDomain: string;
  readonly netbiosComputer: string;
  readonly dnsDomain: string;
  readonly dnsComputer: string;
};

/**
 * The server's challenge (type 2): target name, flags, the 8-byte challenge and the target
 * information (AV pairs) that an NTLMv2 response must echo back in its blob.
 */
export function buildChallengeMessage(
  challenge: Buffer,
  clientFlags: number,
  names: ServerNames,
): {readonly token: string; readonly unicode: boolean} {
  // Unicode when the client offers it, OEM otherwise, as Windows servers choose.
  const unicode = (clientFlags & ntlmFlags.unicode) !== 0;
  const flags =
    (unicode ? ntlmFlags.unicode : ntlmFlags.oem) |
    ntlmFlags.requestTarget |
    ntlmFlags.ntlm |
    ntlmFlags.alwaysSign |
    ntlmFlags.targetTypeDomain |
    ntlmFlags.extendedSessionSecurity |
    ntlmFlags.targetInfo |
    ntlmFlags.version |
    ntlmFlags.key128 |
    ntlmFlags.key56;

  const targetName = Buffer.from(names.netbiosDomain, unicode ? 'utf16le' : 'latin1');
  const targetInfo = buildTargetInfo(names);
  const headerLength = 56;
  const header = Buffer.alloc(headerLength);
  signature.copy(header, 0);
  header.writeUInt32LE(2, 8);
  writeField(header, 12, targetName.length, headerLength);
  header.writeUInt32LE(flags >>> 0, 20);
  challenge.copy(header, 24);
  writeField(header, 40, targetInfo.length, headerLength + targetName.length);
  // Version: Windows 10.0 build 17763 (Server 2019), NTLM revision 15.
  Buffer.from([10, 0, 0xe3, 0x45, 0, 0, 0, 15]).copy(header, 48);

  return {token: Buffer.concat([header, targetName, targetInfo]).toString('base64'), unicode};
}

function buildTargetInfo(names: ServerNames): Buffer {
  const pair = (id: number, value: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(id, 0);
    head.writeUInt16LE(value.length, 2);
    return Buffer.concat([head, value]);
  };
  const text = (value: string) => Buffer.from(value, 'utf16le');
  const timestamp = Buffer.alloc(8);
  // FILETIME: 100 ns intervals since 1601-01-01.
  timestamp.writeBigUInt64LE((BigInt(Date.now()) + 11_644_473_600_000n) * 10_000n);
  return Buffer.concat([
    pair(2, text(names.netbiosDomain)),
    pair(1, text(names.netbiosComputer)),
    pair(4, text(names.dnsDomain)),
    pair(3, text(names.dnsComputer)),
    pair(7, timestamp),
    pair(0, Buffer.alloc(0)),
  ]);
}

function writeField(buffer: Buffer, offset: number, length: number, start: number): void {
  buffer.writeUInt16LE(length, offset);
  buffer.writeUInt16LE(length, offset + 2);
  buffer.writeUInt32LE(start, offset + 4);
}
