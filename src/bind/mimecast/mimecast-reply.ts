import type {BodyKind, MimecastEnvelope} from './envelope.js';

/** One HTTP reply to an API 1.0 call, as the classification reads it. */
export type MimecastReply = {
  readonly status: number;
  /** Lower-case names, as undici gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** null when the body was not an API envelope (not JSON, or JSON of another shape). */
  readonly envelope: MimecastEnvelope | null;
  /** What the body was when it was no envelope; 'not-json' when left out. */
  readonly bodyKind?: BodyKind;
  /** The time the request was signed with; compared with the reply's Date on a 401. */
  readonly sentAt: Date;
};

export function header(reply: MimecastReply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
