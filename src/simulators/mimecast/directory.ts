import type {SimAccount, SimApplication, SimUser, SimUserState} from './accounts.js';
import type {SimRole} from './roles.js';

/** A user as the simulator holds it: mutable where tests rotate passwords or change roles. */
export type DirectoryUser = {
  readonly email: string;
  password: string;
  readonly realm: SimUser['realm'];
  roles: readonly SimRole[];
  twoStepAuthentication: boolean;
  state: SimUserState;
  readonly account: SimAccount;
};

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The accounts, users and applications the simulated service knows, looked up by address. */
export class SimDirectory {
  private readonly users = new Map<string, DirectoryUser>();
  private readonly accountsByDomain = new Map<string, SimAccount>();

  constructor(readonly accounts: readonly SimAccount[]) {
    for (const account of accounts) {
      for (const domain of account.domains)
        this.accountsByDomain.set(domain.toLowerCase(), account);
      for (const user of account.users) {
        this.users.set(user.email.toLowerCase(), {
          email: user.email,
          password: user.password,
          realm: user.realm,
          roles: user.roles,
          twoStepAuthentication: user.twoStepAuthentication ?? false,
          state: user.state ?? 'active',
          account,
        });
      }
    }
  }

  user(email: string): DirectoryUser | undefined {
    return this.users.get(email.toLowerCase());
  }

  /** Throws for an unknown user: a test that names a user who does not exist is wrong. */
  requireUser(email: string): DirectoryUser {
    const user = this.user(email);
    if (!user) throw new Error(`simulator: no user ${email}`);
    return user;
  }

  accountForEmail(email: string): SimAccount | undefined {
    return this.accountsByDomain.get(domainOf(email));
  }

  application(account: SimAccount, appId: string | undefined): SimApplication | undefined {
    return account.applications.find((app) => app.appId === appId);
  }
}
