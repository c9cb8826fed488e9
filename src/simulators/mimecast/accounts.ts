import type {MimecastRealm} from '../../bind/mimecast/types.js';
import {demoFixture} from '../demo-fixture.js';
import type {SimRole} from './roles.js';

/** Whether the user may sign in; a locked user is unlocked by an administrator. */
export type SimUserState = 'active' | 'locked' | 'disabled';

export type SimUser = {
  readonly email: string;
  readonly password: string;
  /** The user's password type: a Mimecast cloud password or a domain (AD) password. */
  readonly realm: MimecastRealm;
  readonly roles: readonly SimRole[];
  /** A binding needs 2-step authentication off in the user's authentication profile. */
  readonly twoStepAuthentication?: boolean;
  /** 'active' by default. */
  readonly state?: SimUserState;
};

/** An API 1.0 application registered in the account's Administration Console. */
export type SimApplication = {
  readonly appId: string;
  readonly appKey: string;
};

export type SimAccount = {
  readonly accountCode: string;
  readonly accountName: string;
  /** Grid short code, e.g. `eu`; each region gets its own loopback server. */
  readonly region: string;
  /** Internal domains: discovery finds the account by the email's domain. */
  readonly domains: readonly string[];
  readonly applications: readonly SimApplication[];
  readonly users: readonly SimUser[];
  /** Authentication cache TTL of the users' profile in ms; null means "never expire". */
  readonly bindingTtlMs: number | null;
};

const sevenDays = 7 * 24 * 60 * 60_000;

/** The demo site's account: one administrator with a cloud password and the Basic role. */
export function demoAccounts(): SimAccount[] {
  const {mimecast, domain} = demoFixture;
  return [
    {
      accountCode: mimecast.accountCode,
      accountName: mimecast.accountName,
      region: mimecast.region,
      domains: [domain],
      applications: [{appId: mimecast.appId, appKey: mimecast.appKey}],
      users: [
        {
          email: mimecast.admin.email,
          password: mimecast.admin.password,
          realm: 'Basic-Cloud',
          roles: ['Basic Administrator'],
        },
      ],
      bindingTtlMs: sevenDays,
    },
  ];
}
