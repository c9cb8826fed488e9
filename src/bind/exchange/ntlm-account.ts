/** The service account as NTLM's authenticate message carries it. */
export type NtlmAccount = {
  /** NetBIOS or DNS domain for `DOMAIN\user`; empty for a UPN, which names its own domain. */
  readonly domain: string;
  readonly user: string;
};

/**
 * `DOMAIN\user` is split into its two parts; a UPN (`user@domain`) travels whole with an empty
 * domain, as Windows clients send it.
 */
export function ntlmAccount(name: string): NtlmAccount {
  const separator = name.indexOf('\\');
  if (separator === -1) return {domain: '', user: name};
  return {domain: name.slice(0, separator), user: name.slice(separator + 1)};
}
