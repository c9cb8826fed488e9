/**
 * Mimecast's clock as the Date headers of its replies show it, next to this computer's. Every
 * signed request carries this computer's time, and Mimecast refuses one too far from its own;
 * knowing the difference lets step 1 stop before a login, and lets a clean-up logout be signed
 * with Mimecast's time when this computer's was refused.
 */
export class ServerClock {
  #offsetMs: number | null = null;

  /** `local` is this computer's clock, as the calls use it (tests pin it). */
  constructor(private readonly local: () => Date = () => new Date()) {}

  /**
   * Records one reply: its Date header, and this computer's time when the request was sent
   * and when its reply arrived. A missing or unreadable Date changes nothing.
   */
  observe(dateHeader: string | undefined, sentAt: Date, answeredAt: Date): void {
    const stamped = Date.parse(dateHeader ?? '');
    if (Number.isNaN(stamped)) return;
    // The header has whole seconds, stamped somewhere between sending and the answer: the
    // middle of both is the best guess for each.
    const serverTime = stamped + 500;
    const localTime = (sentAt.getTime() + answeredAt.getTime()) / 2;
    this.#offsetMs = Math.round(serverTime - localTime);
  }

  /** Mimecast's time minus this computer's, from the latest reply with a Date; null before. */
  get offsetMs(): number | null {
    return this.#offsetMs;
  }

  /** Mimecast's time now, as best known: this computer's clock, corrected by the offset. */
  now(): Date {
    return new Date(this.local().getTime() + (this.#offsetMs ?? 0));
  }

  /** This computer's clock, uncorrected. */
  localNow(): Date {
    return this.local();
  }
}
