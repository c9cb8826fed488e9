import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {BindError} from '../../src/bind/errors.js';
import type {BindDeps} from '../../src/bind/bind-deps.js';
import type {BindInput, PipelineEvent} from '../../src/bind/pipeline.js';
import {runBind} from '../../src/bind/pipeline.js';
import type {BindingRecord} from '../../src/storage/binding-record.js';
import {SiteBusyError} from '../../src/storage/site-busy.js';
import {sampleBindingRecord} from '../helpers/sample-binding.js';

/**
 * The pipeline's own logic: which step runs when, what a failure or a cancel stops, and what
 * is cleaned up. The outside world is replaced by recording functions here; the same pipeline
 * runs against the simulators and real services in the end-to-end tests.
 */
const saved = sampleBindingRecord();
const account = {code: 'CUK1', name: 'Contoso', regionApi: 'https://eu.example'};
const newBinding = {...saved.binding, accessKey: 'new-access-key', secretKey: 'bmV3'};

/** A dependency call, and whether the state directory's lock was held when it was made. */
type Call = {name: string; args?: unknown; locked: boolean};

const exchangeResult = {
  fact: 'Exchange 15.2',
  serverVersion: null,
  ewsUrl: saved.settings.exchange.ewsUrl,
  autodiscovered: false,
  authScheme: 'basic' as const,
};

function recordingDeps(overrides: Partial<BindDeps> = {}) {
  const calls: Call[] = [];
  const lock = {held: false, taken: 0, released: 0};
  const log =
    <T>(name: string, result: () => Promise<T> | T) =>
    async (args?: unknown): Promise<T> => {
      calls.push({name, args, locked: lock.held});
      return result();
    };
  const deps: BindDeps = {
    lockSite: async () => {
      lock.held = true;
      lock.taken += 1;
      return {
        release: async () => {
          lock.held = false;
          lock.released += 1;
        },
      };
    },
    findAccount: log('findAccount', () => ({
      regionApi: account.regionApi,
      realm: 'Basic-Cloud' as const,
    })),
    registerBinding: log('registerBinding', () => ({binding: newBinding, account})),
    checkBinding: log('checkBinding', () => account),
    logout: log('logout', () => undefined),
    validateDirectory: log('validateDirectory', () => ({
      fact: 'OpenLDAP',
      baseDn: 'dc=x',
      serverType: 'OpenLDAP',
      mailUsers: 3,
    })),
    validateExchange: log('validateExchange', () => exchangeResult),
    saveBinding: log('saveBinding', () => 'saved'),
    ...overrides,
  } as BindDeps;
  return {deps, calls, lock, names: () => calls.map((call) => call.name)};
}

function input(overrides: Partial<BindInput> = {}): BindInput {
  return {
    settings: saved.settings,
    secrets: saved.secrets,
    credentials: {email: saved.binding.boundBy, password: 'Admin-Password-1'},
    existing: null,
    ...overrides,
  };
}

async function bind(
  deps: BindDeps,
  overrides: Partial<BindInput> = {},
  signal = new AbortController().signal,
) {
  const events: PipelineEvent[] = [];
  const result = await runBind(input(overrides), (event) => events.push(event), signal, deps);
  return {result, events};
}

const failing =
  (errorClass: BindError['errorClass'], message = 'refused') =>
  async () => {
    throw new BindError(errorClass, message, 'fix it');
  };

describe('pipeline', () => {
  it('runs 1, 3 and 4 first, then registers, then saves', async () => {
    const {deps, names} = recordingDeps();
    const {result, events} = await bind(deps);
    assert.equal(result.ok, true);
    assert.deepEqual(names().slice(0, 3).sort(), [
      'findAccount',
      'validateDirectory',
      'validateExchange',
    ]);
    assert.deepEqual(names().slice(3), ['registerBinding', 'saveBinding']);
    const passed = events
      .filter((event) => event.type === 'step-passed')
      .map((event) => event.step);
    assert.deepEqual(passed.slice(3), [2, 5]);
  });

  it('starts 1, 3 and 4 together, before any of them finishes', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const waitThen =
      <T>(name: string, value: T) =>
      async () => {
        started.push(name);
        if (started.length === 3) release();
        await gate;
        return value;
      };
    const {deps} = recordingDeps({
      findAccount: waitThen('1', {regionApi: account.regionApi, realm: 'Basic-Cloud' as const}),
      validateDirectory: waitThen('3', {fact: 'ok', baseDn: '', serverType: '', mailUsers: 1}),
      validateExchange: waitThen('4', exchangeResult),
    } as Partial<BindDeps>);
    const {result} = await bind(deps);
    assert.equal(result.ok, true);
    assert.deepEqual(started.sort(), ['1', '3', '4']);
  });

  it('never registers when a validation fails, and reports every result', async () => {
    const {deps, names} = recordingDeps({validateDirectory: failing('not-found', 'no base DN')});
    const {result, events} = await bind(deps);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.step, 3);
    assert.ok(!names().includes('registerBinding'));
    assert.ok(!names().includes('saveBinding'));
    const skipped = events
      .filter((event) => event.type === 'step-skipped')
      .map((event) => event.step);
    assert.deepEqual(skipped, [2, 5]);
    assert.ok(events.some((event) => event.type === 'step-passed' && event.step === 4));
  });

  it('refreshes the saved binding instead of minting a new one', async () => {
    const existing: BindingRecord = {
      ...saved,
      account: {...saved.account, regionApi: account.regionApi},
    };
    const {deps, calls} = recordingDeps();
    await bind(deps, {existing});
    const register = calls.find((call) => call.name === 'registerBinding');
    assert.equal(
      (register?.args as {existingAccessKey?: string}).existingAccessKey,
      saved.binding.accessKey,
    );
  });

  it('mints a new binding when the saved one belongs to another user', async () => {
    const existing: BindingRecord = {
      ...saved,
      binding: {...saved.binding, boundBy: 'someone@else.example'},
      account: {...saved.account, regionApi: account.regionApi},
    };
    const {deps, calls} = recordingDeps();
    await bind(deps, {existing});
    const register = calls.find((call) => call.name === 'registerBinding');
    assert.equal((register?.args as {existingAccessKey?: string}).existingAccessKey, undefined);
  });

  it('confirms the saved binding without signing in after a service-account rotation', async () => {
    const {deps, names} = recordingDeps();
    const {result} = await bind(deps, {
      existing: saved,
      credentials: {email: 'a@b.example', password: null},
    });
    assert.equal(result.ok, true);
    assert.ok(names().includes('checkBinding'));
    assert.ok(!names().includes('registerBinding'));
    assert.equal(result.ok && result.record.binding.accessKey, saved.binding.accessKey);
  });

  it('asks for the Mimecast password when the saved binding no longer works', async () => {
    const {deps} = recordingDeps({checkBinding: failing('account-state', 'binding expired')});
    const {result} = await bind(deps, {
      existing: saved,
      credentials: {email: 'a@b.example', password: null},
    });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.setting, 'password');
    assert.match(!result.ok ? result.error.fix : '', /Mimecast administrator/);
  });

  it('logs a new binding out again when the save fails', async () => {
    const {deps, names} = recordingDeps({saveBinding: failing('storage', 'disk full')});
    const {result} = await bind(deps);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.step, 5);
    assert.ok(names().includes('logout'));
  });

  it('logs out a binding registered after a cancel, and never saves it', async () => {
    const controller = new AbortController();
    const {deps, names} = recordingDeps({
      registerBinding: async () => {
        controller.abort();
        return {binding: newBinding, account};
      },
    });
    const {result} = await bind(deps, {}, controller.signal);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.errorClass, 'cancelled');
    assert.ok(names().includes('logout'));
    assert.ok(!names().includes('saveBinding'));
  });

  it('saves the EWS URL that autodiscover found', async () => {
    const found = 'https://mail.contoso.example/EWS/Exchange.asmx';
    const {deps} = recordingDeps({
      validateExchange: async () => ({...exchangeResult, ewsUrl: found, autodiscovered: true}),
    });
    const settings = {...saved.settings, exchange: {...saved.settings.exchange, ewsUrl: ''}};
    const {result} = await bind(deps, {settings});
    assert.equal(result.ok && result.record.settings.exchange.ewsUrl, found);
  });

  it('classifies an unexpected error without leaking a secret', async () => {
    const password = 'Admin-Password-1';
    const {deps} = recordingDeps({
      validateExchange: async () => {
        throw new TypeError(`socket said ${password}`);
      },
    });
    const {result} = await bind(deps);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.errorClass, 'server');
    assert.ok(!result.ok && !result.error.message.includes(password));
  });
});

describe('pipeline: the state directory lock', () => {
  it('is held from before step 1 until after the save', async () => {
    const {deps, calls, lock} = recordingDeps();
    const {result} = await bind(deps);
    assert.equal(result.ok, true);
    assert.ok(calls.length > 0);
    assert.ok(calls.every((call) => call.locked));
    assert.deepEqual(lock, {held: false, taken: 1, released: 1});
  });

  it('stops the bind before anything is sent when another process holds it', async () => {
    const busy = new SiteBusyError('/state');
    const {deps, names} = recordingDeps({
      lockSite: async () => {
        throw busy;
      },
    });
    const {result, events} = await bind(deps);
    assert.deepEqual(names(), []);
    assert.equal(!result.ok && result.step, 5);
    assert.equal(!result.ok && result.error.errorClass, 'storage');
    assert.match(!result.ok ? result.error.message : '', /Another mse-bind is binding/);
    const skipped = events.filter((event) => event.type === 'step-skipped');
    assert.deepEqual(skipped.map((event) => event.step).sort(), [1, 2, 3, 4]);
    assert.ok(events.some((event) => event.type === 'step-failed' && event.step === 5));
    assert.ok(!events.some((event) => event.type === 'step-started'));
  });

  it('is released after a failed step and after a cancel', async () => {
    const failed = recordingDeps({validateDirectory: failing('credentials')});
    assert.equal((await bind(failed.deps)).result.ok, false);
    assert.deepEqual(failed.lock, {held: false, taken: 1, released: 1});

    const controller = new AbortController();
    const cancelled = recordingDeps({
      registerBinding: async () => {
        controller.abort();
        return {binding: newBinding, account};
      },
    });
    const {result} = await bind(cancelled.deps, {}, controller.signal);
    assert.equal(!result.ok && result.error.errorClass, 'cancelled');
    assert.deepEqual(cancelled.lock, {held: false, taken: 1, released: 1});
  });
});
