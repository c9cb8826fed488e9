import assert from 'node:assert/strict';
import {after, before, beforeEach, test} from 'node:test';
import type {BindError, ErrorClass} from '../../../src/bind/errors.js';
import {
  checkBinding,
  findAccount,
  registerBinding,
  type SignedCallArgs,
} from '../../../src/bind/mimecast/index.js';
import {
  demoAccounts,
  simFaults,
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../../src/simulators/mimecast/index.js';
import {assertNoSecret} from '../../helpers/assert-no-secret.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {
  demoBindArgs,
  demoMimecast,
  demoMimecastSecrets,
  trustSimulator,
} from '../../helpers/mimecast-demo.js';

/**
 * Every failure the specification lists, reproduced against the simulator: each must come out
 * with its class, its own message (no other failure's pattern matches it), the setting at
 * fault where there is one, and no secret.
 */
const admin = demoMimecast.admin;
const custom = {email: 'custom@contoso.example', password: 'Custom-Role-1!'};
let simulator: MimecastSimulator;

before(async () => {
  const [demo] = demoAccounts();
  assert.ok(demo);
  simulator = await startMimecastSimulator({
    accounts: [
      {
        ...demo,
        users: [
          ...demo.users,
          {
            ...custom,
            realm: 'Basic-Cloud',
            // Everything the bind needs but Exchange Services edit.
            roles: [
              {
                name: 'MSE binder (incomplete)',
                permissions: [
                  'Account | Dashboard: Read',
                  'Account | Dashboard: Edit',
                  'Services | Exchange Services: Read',
                ],
              },
            ],
          },
        ],
      },
    ],
  });
});
after(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.setUserState(admin.email, 'active');
  simulator.setTwoStepAuthentication(admin.email, false);
  simulator.setReplyDelay(0);
});

const live = () => new AbortController().signal;
const quickRetries = {serverBackoffMs: 1, rateLimitFallbackMs: 1};

function discover(overrides: Partial<Parameters<typeof findAccount>[0]> = {}) {
  return findAccount({
    discoveryUrl: simulator.discoveryUrl,
    appId: demoMimecast.appId,
    email: admin.email,
    signal: live(),
    retry: quickRetries,
    ...trustSimulator(simulator),
    ...overrides,
  });
}

async function signedArgs(overrides: Partial<SignedCallArgs> = {}): Promise<SignedCallArgs> {
  const {binding} = await registerBinding(demoBindArgs(simulator));
  return {
    regionApi: simulator.regionApi,
    appId: demoMimecast.appId,
    appKey: demoMimecast.appKey,
    binding,
    signal: live(),
    retry: quickRetries,
    ...trustSimulator(simulator),
    ...overrides,
  };
}

type Case = {
  readonly name: string;
  readonly errorClass: ErrorClass;
  /** The failure's own words: no other case's message may match it. */
  readonly pattern: RegExp;
  readonly setting?: string;
  readonly run: () => Promise<unknown>;
};

const cases: Case[] = [
  {
    name: 'unknown domain (discovery without region)',
    errorClass: 'not-found',
    pattern: /is not a Mimecast customer domain/,
    setting: 'email',
    run: () => discover({email: 'admin@not-a-customer.example'}),
  },
  {
    name: 'wrong password',
    errorClass: 'credentials',
    pattern: /refused .*: the password is wrong/,
    setting: 'password',
    run: () => registerBinding(demoBindArgs(simulator, {password: 'Wrong-Password-9!'})),
  },
  {
    name: 'a realm the user does not have',
    errorClass: 'auth-scheme',
    pattern: /signs in with a Mimecast cloud password \(Basic-Cloud\), not with a domain/,
    setting: 'password',
    run: () => registerBinding(demoBindArgs(simulator, {realm: 'Basic-AD'})),
  },
  {
    name: 'locked Mimecast user',
    errorClass: 'account-state',
    pattern: /the Mimecast user \S+ is locked/,
    setting: 'email',
    run: async () => {
      simulator.setUserState(admin.email, 'locked');
      return registerBinding(demoBindArgs(simulator));
    },
  },
  {
    name: 'disabled Mimecast user',
    errorClass: 'account-state',
    pattern: /the Mimecast user \S+ is disabled/,
    setting: 'email',
    run: async () => {
      simulator.setUserState(admin.email, 'disabled');
      return registerBinding(demoBindArgs(simulator));
    },
  },
  {
    name: '2-step authentication on',
    errorClass: 'auth-scheme',
    pattern: /has 2-step authentication on, and a binding user must not use it/,
    setting: 'email',
    run: async () => {
      simulator.setTwoStepAuthentication(admin.email, true);
      return registerBinding(demoBindArgs(simulator));
    },
  },
  {
    name: '403: a custom role without Services | Exchange Services edit',
    errorClass: 'permission',
    pattern: /lacks a permission the bind needs.*Services \| Exchange Services: Edit/,
    setting: 'email',
    run: () =>
      registerBinding(demoBindArgs(simulator, {email: custom.email, password: custom.password})),
  },
  {
    name: '418: binding expired',
    errorClass: 'account-state',
    pattern: /the binding expired/,
    run: async () => {
      const args = await signedArgs();
      simulator.expireBindings(admin.email);
      return checkBinding(args);
    },
  },
  {
    name: '429 past the bounded retries',
    errorClass: 'rate-limited',
    pattern: /rate limit for \S+ is used up; wait at least 1 s \(X-RateLimit-Reset: 5 ms\)/,
    run: () => {
      const limited = simFaults.rateLimited(5);
      simulator.failNext('/api/login/login', limited, limited, limited);
      return registerBinding(demoBindArgs(simulator, {retry: {rateLimitRetries: 2}}));
    },
  },
  {
    name: '5xx past the bounded retries',
    errorClass: 'server',
    pattern: /failed on Mimecast's side \(HTTP 503\)/,
    run: async () => {
      const args = await signedArgs();
      const down = simFaults.serverError(503);
      simulator.failNext('/api/account/get-account', down, down, down);
      return checkBinding(args);
    },
  },
  {
    name: 'malformed JSON',
    errorClass: 'server',
    pattern: /JSON that does not parse/,
    run: () => {
      simulator.failNext('/api/login/discover-authentication', simFaults.malformedJson());
      return discover();
    },
  },
  {
    name: "a proxy's error page instead of JSON",
    errorClass: 'server',
    pattern: /a text\/html page that is not Mimecast API JSON/,
    setting: 'discoveryUrl',
    run: () => {
      simulator.failNext('/api/login/discover-authentication', simFaults.proxyErrorPage(502));
      return discover({retry: {serverRetries: 0}});
    },
  },
  {
    name: 'an HTTP redirect',
    errorClass: 'server',
    pattern: /answered with a redirect \(HTTP 302\) to https:\/\/elsewhere\.example\/x/,
    setting: 'discoveryUrl',
    run: () => {
      const redirect = simFaults.redirect('https://elsewhere.example/x?token=1');
      simulator.failNext('/api/login/discover-authentication', redirect);
      return discover();
    },
  },
  {
    name: 'a timeout, set per request',
    errorClass: 'network',
    pattern: /no answer from \S+ within 150 ms/,
    run: () => {
      simulator.setReplyDelay(1_000);
      return discover({timeoutMs: 150});
    },
  },
  {
    name: 'clock skew',
    errorClass: 'credentials',
    pattern: /refused the request's time stamp.*clock is about 60 minutes off/,
    run: async () => {
      const args = await signedArgs();
      return checkBinding({...args, now: () => new Date(Date.now() - 60 * 60_000)});
    },
  },
];

const failures = new Map<string, BindError>();

for (const failure of cases) {
  test(`${failure.name}: ${failure.errorClass}, with its own message and fix`, async () => {
    const error = await rejectsWithClass(failure.run(), failure.errorClass);
    assert.match(error.message, failure.pattern);
    if (failure.setting !== undefined) assert.equal(error.setting, failure.setting);
    assert.ok(error.fix.length > 20, 'a fix says what to change');
    assertNoSecret(error, [...demoMimecastSecrets, 'Wrong-Password-9!', custom.password]);
    failures.set(failure.name, error);
  });
}

test('no failure is told in another failure’s words', () => {
  assert.equal(failures.size, cases.length, 'every case ran');
  for (const failure of cases) {
    for (const [name, error] of failures) {
      if (name === failure.name) continue;
      assert.doesNotMatch(error.message, failure.pattern, `${name} reads like ${failure.name}`);
    }
  }
});

test('without timeoutMs a call waits the default 15 s: a slow reply succeeds', async () => {
  simulator.setReplyDelay(300);
  const found = await discover();
  assert.equal(found.regionApi, simulator.regionApi);
});
