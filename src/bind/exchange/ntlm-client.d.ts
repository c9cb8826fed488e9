/**
 * The part of @ewsjs/ntlm-client 3.0.1 (which ships no types) that the Exchange probe uses:
 * NTLM message builders with no transport of their own. The package is CommonJS; its default
 * export is `module.exports`.
 */
declare module '@ewsjs/ntlm-client' {
  export interface Type2Message {
    readonly flags: number;
    readonly encoding: 'ascii' | 'ucs2';
    /** 2 when the server negotiated extended session security: the library then sends NTLMv2. */
    readonly version: 1 | 2;
    readonly challenge: Buffer;
    readonly targetName: string;
    readonly targetInfo?: {readonly parsed: Record<string, string>; readonly buffer: Buffer};
  }

  interface NtlmClient {
    /** `NTLM <base64>`. */
    createType1Message(workstation?: string, target?: string): string;
    /** Takes the base64 token (or `NTLM <base64>`); throws on a malformed message. */
    decodeType2Message(token: string): Type2Message;
    /** `NTLM <base64>`; `target` is the user's domain (empty for a UPN). */
    createType3Message(
      type2: Type2Message,
      username: string,
      password: string,
      workstation?: string,
      target?: string,
    ): string;
  }

  const ntlm: NtlmClient;
  export default ntlm;
}
