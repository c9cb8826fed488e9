/** One entry of `fail[].errors[]`; every member is optional, the shape is partly documented. */
export type MimecastErrorItem = {
  readonly code?: string;
  readonly message?: string;
  readonly retryable?: boolean;
  readonly field?: string;
};

/**
 * The API 1.0 reply: `{meta, data, fail}`. HTTP 200 with a non-empty `fail` is a failure of the
 * function even though the transport call succeeded.
 */
export type MimecastEnvelope = {
  /** `meta.status` mirrors the function-level status, when present. */
  readonly status: number | undefined;
  readonly data: readonly unknown[];
  readonly fail: readonly MimecastErrorItem[];
};

/**
 * What a reply body turned out to be, when it was not an envelope: JSON that does not parse
 * (a reply cut short, or a broken gateway), JSON of another shape, or no JSON at all (a
 * proxy's or portal's HTML page).
 */
export type BodyKind = 'envelope' | 'malformed-json' | 'other-json' | 'not-json';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function errorItems(fail: unknown): MimecastErrorItem[] {
  if (!Array.isArray(fail)) return [];
  return fail.flatMap((entry): MimecastErrorItem[] => {
    const errors = isRecord(entry) && Array.isArray(entry.errors) ? entry.errors : [];
    const items = errors.filter(isRecord).map((error) => ({
      code: optionalString(error.code),
      message: optionalString(error.message),
      retryable: typeof error.retryable === 'boolean' ? error.retryable : undefined,
      field: optionalString(error.field),
    }));
    // A fail entry without an errors list is still a failure.
    return items.length > 0 ? items : [{}];
  });
}

/** A body that starts like JSON, or is declared JSON, is judged as JSON. */
function looksLikeJson(text: string, contentType: string | undefined): boolean {
  return /^\s*[[{]/.test(text) || /\bjson\b/i.test(contentType ?? '');
}

/** Reads a reply body; `envelope` is null unless `kind` is 'envelope'. */
export function readBody(
  text: string,
  contentType?: string,
): {kind: BodyKind; envelope: MimecastEnvelope | null} {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const kind =
      text.trim() !== '' && looksLikeJson(text, contentType) ? 'malformed-json' : 'not-json';
    return {kind, envelope: null};
  }
  const envelope = envelopeOf(body);
  return {kind: envelope === null ? 'other-json' : 'envelope', envelope};
}

function envelopeOf(body: unknown): MimecastEnvelope | null {
  if (!isRecord(body)) return null;
  const hasEnvelopeMember =
    Array.isArray(body.data) || Array.isArray(body.fail) || isRecord(body.meta);
  if (!hasEnvelopeMember) return null;
  const meta = isRecord(body.meta) ? body.meta : {};
  return {
    status: typeof meta.status === 'number' ? meta.status : undefined,
    data: Array.isArray(body.data) ? body.data : [],
    fail: errorItems(body.fail),
  };
}

/**
 * Reads a reply body as an envelope; null when it is not one (not JSON, or JSON of another
 * shape, such as a proxy's or load balancer's page).
 */
export function parseEnvelope(text: string): MimecastEnvelope | null {
  return readBody(text).envelope;
}
