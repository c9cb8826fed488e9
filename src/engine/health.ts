import type {ErrorClass} from '../bind/errors.js';

/** One part of the engine's health: the binding at Mimecast, the directory, or Exchange. */
export type HealthPart = 'binding' | 'directory' | 'exchange';

export type HealthCheck =
  | {readonly ok: true; readonly fact: string}
  | {
      readonly ok: false;
      readonly errorClass: ErrorClass;
      readonly message: string;
      readonly fix: string;
    };

/** What one health cycle found. */
export type HealthReport = {
  /** ISO 8601 time the cycle finished. */
  readonly checkedAt: string;
  /** ISO 8601 time of the last successful signed call to Mimecast, if any. */
  readonly lastContact: string | null;
  readonly checks: Readonly<Record<HealthPart, HealthCheck>>;
};
