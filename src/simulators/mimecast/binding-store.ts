import {randomBytes} from 'node:crypto';

/** A binding as the service holds it. */
export type SimBinding = {
  readonly accessKey: string;
  /** Base64 of 32 random bytes, as login returns it. */
  readonly secretKey: string;
  readonly appId: string;
  /** Lower-case address of the user the binding belongs to. */
  readonly email: string;
  /** Epoch ms, or null for a never-expiring TTL. */
  expiresAt: number | null;
};

/** What tests may see of a binding: never its secret key. */
export type SimBindingView = {
  readonly accessKey: string;
  readonly appId: string;
  readonly expiresAt: Date | null;
};

function isLive(binding: SimBinding, now: number): boolean {
  return binding.expiresAt === null || binding.expiresAt > now;
}

/**
 * The bindings of every user. Mimecast caps how many bindings one user may hold and advises
 * refreshing one rather than minting more; the exact cap is not published [U]. Only live
 * bindings count toward it: an expired one no longer works, so it is taken to hold no place
 * [I]. It is kept all the same, because a login that names its access key brings it back.
 */
export class BindingStore {
  private readonly byAccessKey = new Map<string, SimBinding>();

  constructor(readonly maxPerUser: number) {}

  find(accessKey: string | undefined): SimBinding | undefined {
    return accessKey === undefined ? undefined : this.byAccessKey.get(accessKey);
  }

  forUser(email: string): SimBinding[] {
    const key = email.toLowerCase();
    return [...this.byAccessKey.values()].filter((binding) => binding.email === key);
  }

  /** The user's bindings that have not expired at `now`: the ones the cap counts. */
  liveForUser(email: string, now: number): SimBinding[] {
    return this.forUser(email).filter((binding) => isLive(binding, now));
  }

  /** A new binding, or null when the user already holds the maximum of live ones. */
  mint(email: string, appId: string, expiresAt: number | null, now: number): SimBinding | null {
    if (this.liveForUser(email, now).length >= this.maxPerUser) return null;
    const binding: SimBinding = {
      accessKey: randomBytes(36).toString('base64url'),
      secretKey: randomBytes(32).toString('base64'),
      appId,
      email: email.toLowerCase(),
      expiresAt,
    };
    this.byAccessKey.set(binding.accessKey, binding);
    return binding;
  }

  /**
   * Whether a refresh may move the binding's expiry on: always for a live one; an expired one
   * comes back to life, so it needs a free place under the cap as a new binding would.
   */
  mayRefresh(binding: SimBinding, now: number): boolean {
    if (isLive(binding, now)) return true;
    return this.liveForUser(binding.email, now).length < this.maxPerUser;
  }

  remove(accessKey: string): boolean {
    return this.byAccessKey.delete(accessKey);
  }

  /** Moves the expiry of the matching bindings (all when no email is given) into the past. */
  expire(now: number, email?: string): number {
    const bindings = email === undefined ? [...this.byAccessKey.values()] : this.forUser(email);
    for (const binding of bindings) binding.expiresAt = now - 1;
    return bindings.length;
  }
}

export function viewOf(binding: SimBinding): SimBindingView {
  return {
    accessKey: binding.accessKey,
    appId: binding.appId,
    expiresAt: binding.expiresAt === null ? null : new Date(binding.expiresAt),
  };
}
