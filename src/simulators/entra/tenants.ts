import {demoFixture} from '../demo-fixture.js';

/** An app registration and what its admin consent granted. */
export type EntraApp = {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Application roles on Exchange Online, e.g. `full_access_as_app`; empty: no consent. */
  readonly roles: readonly string[];
  readonly secretExpired?: boolean;
};

export type EntraTenant = {
  readonly tenantId: string;
  /** Verified domains, which name the tenant as well as its id does. */
  readonly domains: readonly string[];
  readonly apps: readonly EntraApp[];
};

/**
 * The demo tenant: one app with the EWS permission and consent, one registered without it.
 * The ids and secrets are public and work nowhere but the simulators.
 */
export const demoTenant: EntraTenant = {
  tenantId: '9d3b6a0e-4c1f-4f7e-8a55-2b7c9e1d0f42',
  domains: [demoFixture.domain],
  apps: [
    {
      clientId: '5e0c7a21-8b4d-4c39-9f1e-6d2a3b4c5d6e',
      clientSecret: 'Demo~EntraSecret.2026-mse-bind',
      roles: ['full_access_as_app'],
    },
    {
      clientId: 'b1f2e3d4-0a9b-4c8d-8e7f-112233445566',
      clientSecret: 'Demo~NoConsent.2026-mse-bind',
      roles: [],
    },
  ],
};

export function findTenant(tenants: readonly EntraTenant[], name: string): EntraTenant | undefined {
  const wanted = name.toLowerCase();
  return tenants.find(
    (tenant) =>
      tenant.tenantId.toLowerCase() === wanted ||
      tenant.domains.some((domain) => domain.toLowerCase() === wanted),
  );
}
