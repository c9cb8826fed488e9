import {demoFixture} from '../demo-fixture.js';

/** An account that can log in to the simulated EWS, and what it may open. */
export type EwsAccount = {
  /** Logon name as sent in Basic auth (UPN); compared without regard to case. */
  readonly user: string;
  readonly password: string;
  /** Primary SMTP address of its own mailbox, or null for an account without one. */
  readonly mailbox: string | null;
  /** Mailboxes it may impersonate (the ApplicationImpersonation role and its scope). */
  readonly mayImpersonate: 'all' | readonly string[];
  /** Mailboxes it has Full Access to (delegate access). */
  readonly fullAccessTo: 'all' | readonly string[];
};

/** The simulated Exchange organisation: who logs in and which mailboxes exist. */
export type EwsOrganisation = {
  readonly accounts: readonly EwsAccount[];
  readonly mailboxes: readonly string[];
};

/** The demo site: its service account may open every mailbox in each access mode. */
export function demoOrganisation(): EwsOrganisation {
  const {exchange, directory} = demoFixture;
  return {
    accounts: [
      {
        user: exchange.user,
        password: exchange.password,
        mailbox: exchange.mailbox,
        mayImpersonate: 'all',
        fullAccessTo: 'all',
      },
    ],
    mailboxes: [exchange.mailbox, ...directory.users.map((user) => user.mail)],
  };
}

export function findAccount(organisation: EwsOrganisation, user: string): EwsAccount | undefined {
  return organisation.accounts.find((account) => sameAddress(account.user, user));
}

export function mailboxExists(organisation: EwsOrganisation, mailbox: string): boolean {
  return organisation.mailboxes.some((known) => sameAddress(known, mailbox));
}

export function mayImpersonate(account: EwsAccount, mailbox: string): boolean {
  return grants(account.mayImpersonate, mailbox);
}

/** Its own mailbox, or one it has Full Access to. */
export function mayOpen(account: EwsAccount, mailbox: string): boolean {
  const own = account.mailbox !== null && sameAddress(account.mailbox, mailbox);
  return own || grants(account.fullAccessTo, mailbox);
}

export function sameAddress(left: string, right: string): boolean {
  return left.toLowerCase() === right.toLowerCase();
}

function grants(grant: 'all' | readonly string[], mailbox: string): boolean {
  return grant === 'all' || grant.some((granted) => sameAddress(granted, mailbox));
}
