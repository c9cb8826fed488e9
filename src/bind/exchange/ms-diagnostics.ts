/** Exchange Online's `x-ms-diagnostics` header: why it refused a token. */
export type MsDiagnostics = {
  readonly code: number;
  readonly reason: string;
  readonly category: string;
};

/** Code Exchange Online sends for a token without EWS permissions (no full_access_as_app). */
export const tokenWithoutPermissions = 2000008;

const parameter = /;\s*([a-z_]+)="([^"]*)"/gi;

/** E.g. `2000008;reason="The token contains no permissions…";error_category="invalid_grant"`. */
export function parseMsDiagnostics(
  header: string | readonly string[] | undefined,
): MsDiagnostics | null {
  const line = typeof header === 'string' ? header : header?.[0];
  const match = /^\s*(\d+)/.exec(line ?? '');
  if (line === undefined || match?.[1] === undefined) return null;

  const values = new Map<string, string>();
  for (const [, name, value] of line.matchAll(parameter)) {
    if (name !== undefined && value !== undefined) values.set(name.toLowerCase(), value);
  }
  return {
    code: Number(match[1]),
    reason: values.get('reason') ?? '',
    category: values.get('error_category') ?? '',
  };
}
