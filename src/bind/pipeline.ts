import {BindError, cancelledError, isAbortError} from './errors.js';
import type {SiteSecrets, SiteSettings} from './settings.js';
import type {StepId} from './steps.js';
import type {MimecastAccount, MimecastBinding, MimecastRealm} from './mimecast/types.js';
import type {RegisteredBinding} from './mimecast/register-binding.js';
import type {BindingRecord, EngineState} from '../storage/binding-record.js';
import {bindingRecordSchemaVersion} from '../storage/binding-record.js';
import {redactSecrets, shownValuesOf} from './redact.js';
import {confirmSavedBinding} from './confirm-saved-binding.js';
import type {BindDeps} from './bind-deps.js';
import type {NetworkPath} from './http/dispatcher.js';
import type {SiteLock} from '../storage/site-lock.js';
import type {PendingBinding} from '../storage/pending-binding.js';
import {
  forgetLeftBinding,
  keepLeftBinding,
  leftBindingFor,
  settleFailedLogin,
  type LeftBindingContext,
  type Unproven,
} from './left-binding.js';

/**
 * Runs the five bind steps. Steps 1, 3 and 4 have no side effects and run concurrently; step 2
 * creates (or refreshes) a binding at Mimecast, so it starts only when they all passed and a
 * typo never leaves an orphan binding behind; step 5 saves last, atomically. The state
 * directory stays locked from before step 1 until the end, so that a second bind of the same
 * site cannot register a binding whose save would then be lost. A binding step 2 created but
 * could neither save nor log out is kept in the state directory (left-binding.ts), and the next
 * bind refreshes it.
 */
export type BindInput = {
  readonly settings: SiteSettings;
  readonly secrets: SiteSecrets;
  /**
   * The Mimecast administrator. Without a password (a service account's password was rotated)
   * step 2 confirms the saved binding with a signed call instead of signing in again.
   */
  readonly credentials: {readonly email: string; readonly password: string | null};
  /** The saved binding, when re-binding: its access key is refreshed instead of minting one. */
  readonly existing: BindingRecord | null;
};

export type PipelineEvent =
  | {readonly type: 'step-started'; readonly step: StepId}
  | {readonly type: 'step-passed'; readonly step: StepId; readonly fact: string}
  | {readonly type: 'step-failed'; readonly step: StepId; readonly error: BindError}
  | {readonly type: 'step-skipped'; readonly step: StepId; readonly reason: string};

export type BindResult =
  | {readonly ok: true; readonly record: BindingRecord}
  | {readonly ok: false; readonly step: StepId; readonly error: BindError};

/** The secrets a message must not show, and the site's values it may (see redact.ts). */
type Redaction = {readonly secrets: readonly string[]; readonly shown: readonly string[]};

function asBindError(error: unknown, step: StepId, {secrets, shown}: Redaction): BindError {
  if (error instanceof BindError) {
    if (error.errorClass === 'cancelled') return error;
    return new BindError(
      error.errorClass,
      redactSecrets(error.message, secrets, shown),
      redactSecrets(error.fix, secrets, shown),
      {cause: error, setting: error.setting},
    );
  }
  if (isAbortError(error)) return cancelledError();
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new BindError(
    'server',
    redactSecrets(`Step ${step} stopped on an unexpected error: ${detail}`, secrets, shown),
    'Run the bind again; if it repeats, report the message above.',
  );
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

function realmWords(realm: MimecastRealm): string {
  return realm === 'Basic-AD' ? 'domain password' : 'cloud password';
}

/** The access key to refresh: only a binding of the same app, user and region is reused. */
function refreshableAccessKey(input: BindInput, regionApi: string): string | undefined {
  const saved = input.existing;
  if (!saved) return undefined;
  const sameUser = saved.binding.boundBy.toLowerCase() === input.credentials.email.toLowerCase();
  const sameApp = saved.binding.appId === input.settings.mimecast.appId;
  const sameRegion = saved.account.regionApi === regionApi;
  return sameUser && sameApp && sameRegion ? saved.binding.accessKey : undefined;
}

/** The network path steps 1 and 2 share, opened in step 1. */
type SharedNetwork = {path?: NetworkPath};

export async function runBind(
  input: BindInput,
  emit: (event: PipelineEvent) => void,
  signal: AbortSignal,
  deps: BindDeps,
): Promise<BindResult> {
  let lock: SiteLock;
  try {
    lock = await deps.lockSite();
  } catch (error) {
    const reason = 'not run: the state directory could not be locked';
    return notRun(asBindError(error, 5, redactionOf(input)), emit, reason);
  }

  const shared: SharedNetwork = {};
  try {
    // Read under the lock, before anything is sent: a record that cannot be read stops the
    // bind rather than have it mint a binding the record may already name.
    let pending: readonly PendingBinding[];
    try {
      pending = (await deps.pendingBindings?.load()) ?? [];
    } catch (error) {
      const reason = 'not run: the bindings failed binds left could not be read';
      return notRun(asBindError(error, 5, redactionOf(input)), emit, reason);
    }
    return await runSteps(input, emit, signal, deps, shared, pending);
  } finally {
    // After a cancel, a cleanup logout may still be on its way out: closing lets it finish
    // without the cancel waiting for it.
    const closing = shared.path?.close();
    if (signal.aborted) void closing?.catch(() => undefined);
    else await closing;
    await lock.release();
  }
}

/**
 * The state directory could not be locked (another process is binding the site, or the
 * directory cannot be created) or its record of left bindings read: nothing runs. The failure
 * belongs to step 5, whose storage it is; the other steps are reported as not run.
 */
function notRun(
  error: BindError,
  emit: (event: PipelineEvent) => void,
  reason: string,
): BindResult {
  for (const step of [1, 3, 4] as const) emit({type: 'step-skipped', step, reason});
  emit({type: 'step-skipped', step: 2, reason: `${reason} (no binding was created)`});
  emit({type: 'step-failed', step: 5, error});
  return {ok: false, step: 5, error};
}

function redactionOf(input: BindInput): Redaction {
  const secrets = [
    input.credentials.password ?? '',
    input.secrets.appKey,
    input.secrets.directoryPassword,
    input.secrets.exchangePassword,
    input.secrets.exchangeClientSecret ?? '',
  ];
  return {secrets, shown: [...shownValuesOf(input.settings), input.credentials.email]};
}

/** Where the Mimecast calls go: the shared path, or their own from the network settings. */
function mimecastTransport(input: BindInput, shared: SharedNetwork) {
  return {network: input.settings.network, networkPath: shared.path};
}

async function runSteps(
  input: BindInput,
  emit: (event: PipelineEvent) => void,
  signal: AbortSignal,
  deps: BindDeps,
  shared: SharedNetwork,
  pending: readonly PendingBinding[],
): Promise<BindResult> {
  const redaction = redactionOf(input);

  type StepResult<T> =
    | {readonly ok: true; readonly value: T}
    | {readonly ok: false; readonly error: BindError; readonly lateValue?: T};

  /** Runs one step; a step that finished after a cancel still hands back what it made. */
  async function step<T>(
    id: StepId,
    work: () => Promise<{fact: string; value: T}>,
    options: {cancellable?: boolean; started?: boolean} = {},
  ): Promise<StepResult<T>> {
    const cancellable = options.cancellable ?? true;
    if (!options.started) emit({type: 'step-started', step: id});
    try {
      const {fact, value} = await work();
      if (cancellable && signal.aborted) {
        emit({type: 'step-failed', step: id, error: cancelledError()});
        return {ok: false, error: cancelledError(), lateValue: value};
      }
      emit({type: 'step-passed', step: id, fact});
      return {ok: true, value};
    } catch (error) {
      const cancelled = cancellable && signal.aborted;
      const bindError = cancelled ? cancelledError() : asBindError(error, id, redaction);
      emit({type: 'step-failed', step: id, error: bindError});
      return {ok: false, error: bindError};
    }
  }

  const {settings, secrets, credentials} = input;
  const caFile = settings.network.caFile || undefined;

  // The CA file and the proxy setting serve steps 3 and 4 as well, so step 1 reads them before
  // any step contacts anything: one that cannot be used stops the bind while nothing is sent.
  emit({type: 'step-started', step: 1});
  try {
    shared.path = await deps.openNetworkPath?.(settings.network, signal);
  } catch (error) {
    const bindError = signal.aborted ? cancelledError() : asBindError(error, 1, redaction);
    emit({type: 'step-failed', step: 1, error: bindError});
    const reason = signal.aborted ? 'cancelled' : 'not run: step 1 failed';
    for (const later of [3, 4] as const) emit({type: 'step-skipped', step: later, reason});
    emit({type: 'step-skipped', step: 2, reason: `${reason} (no binding was created)`});
    emit({type: 'step-skipped', step: 5, reason: `${reason} (nothing was saved)`});
    return {ok: false, step: 1, error: bindError};
  }

  const [found, directory, exchange] = await Promise.all([
    step(
      1,
      async () => {
        await deps.preflight?.(settings.network, [settings.mimecast.discoveryUrl], signal, {
          plan: shared.path,
        });
        const value = await deps.findAccount({
          discoveryUrl: settings.mimecast.discoveryUrl,
          appId: settings.mimecast.appId,
          email: credentials.email,
          signal,
          ...mimecastTransport(input, shared),
        });
        const host = new URL(value.regionApi).host;
        const fact = `${domainOf(credentials.email)} is served by ${host} (${realmWords(value.realm)})`;
        return {fact, value};
      },
      {started: true},
    ),
    step(3, async () => {
      const value = await deps.validateDirectory(settings.directory, secrets.directoryPassword, {
        signal,
        caFile,
      });
      return {fact: value.fact, value};
    }),
    step(4, async () => {
      const value = await deps.validateExchange(settings.exchange, secrets.exchangePassword, {
        signal,
        caFile,
        clientSecret: secrets.exchangeClientSecret,
        proxyUrl: settings.network.proxyUrl,
      });
      return {fact: value.fact, value};
    }),
  ]);

  const firstFailure = [found, directory, exchange].find((result) => !result.ok);
  if (!found.ok || !directory.ok || !exchange.ok) {
    const failedStep: StepId = !found.ok ? 1 : !directory.ok ? 3 : 4;
    const reason = signal.aborted ? 'cancelled' : `not run: step ${failedStep} failed`;
    emit({type: 'step-skipped', step: 2, reason: `${reason} (no binding was created)`});
    emit({type: 'step-skipped', step: 5, reason: `${reason} (nothing was saved)`});
    const error = firstFailure && !firstFailure.ok ? firstFailure.error : cancelledError();
    return {ok: false, step: failedStep, error};
  }

  const left: LeftBindingContext = {
    identity: {
      email: credentials.email,
      appId: settings.mimecast.appId,
      regionApi: found.value.regionApi,
    },
    appKey: secrets.appKey,
    network: settings.network,
    store: deps.pendingBindings,
  };
  const reused = leftBindingFor(pending, left.identity);

  const registered = await step(2, async () => {
    const {password} = credentials;
    if (password === null) {
      const transport = {signal, ...mimecastTransport(input, shared)};
      return confirmSavedBinding(input.existing, secrets.appKey, deps.checkBinding, transport);
    }
    let unproven: Unproven | undefined;
    let value: RegisteredBinding;
    try {
      value = await deps.registerBinding({
        regionApi: found.value.regionApi,
        appId: settings.mimecast.appId,
        appKey: secrets.appKey,
        email: credentials.email,
        password,
        realm: found.value.realm,
        existingAccessKey:
          reused?.binding.accessKey ?? refreshableAccessKey(input, found.value.regionApi),
        onUnproven: (binding, outcome) => (unproven = {binding, outcome}),
        signal,
        ...mimecastTransport(input, shared),
      });
    } catch (error) {
      throw await settleFailedLogin(asBindError(error, 2, redaction), unproven, reused, left);
    }
    const {accessKey} = value.binding;
    const {name, code} = value.account;
    if (accessKey === input.existing?.binding.accessKey) {
      return {fact: `Binding refreshed for ${name} (${code})`, value};
    }
    const again = accessKey === reused?.binding.accessKey;
    const fact = again
      ? `Bound to ${name} (${code}), reusing the binding a failed bind left`
      : `Bound to ${name} (${code})`;
    return {fact, value};
  });
  if (!registered.ok) {
    if (registered.lateValue) {
      await forgetNewBinding(input, registered.lateValue, deps, shared, left);
    }
    emit({type: 'step-skipped', step: 5, reason: 'not run: step 2 failed (nothing was saved)'});
    return {ok: false, step: 2, error: registered.error};
  }

  // An EWS URL found by autodiscover is kept, so the engine does not look it up every cycle.
  const exchangeSettings = exchange.value.autodiscovered
    ? {...settings.exchange, ewsUrl: exchange.value.ewsUrl}
    : settings.exchange;
  const record: BindingRecord = {
    schemaVersion: bindingRecordSchemaVersion,
    settings: {...settings, exchange: exchangeSettings},
    secrets,
    account: registered.value.account,
    binding: registered.value.binding,
    engine: {state: input.existing?.engine.state ?? ('paused' satisfies EngineState)},
  };

  // Saving is not cancellable once started: the write is atomic and quick, and a binding that
  // exists at Mimecast but not on disk would be an orphan.
  const saved = await step(5, async () => ({fact: await deps.saveBinding(record), value: record}), {
    cancellable: false,
  });
  if (!saved.ok) {
    await forgetNewBinding(input, registered.value, deps, shared, left);
    return {ok: false, step: 5, error: saved.error};
  }
  return {ok: true, record};
}

/**
 * A binding minted (or reused from a failed bind) by this run but never saved would be an
 * orphan at Mimecast (and count against the user's binding cap), so it is logged out again,
 * or kept for the next bind when that fails. A refreshed saved binding is left alone: the
 * saved record still uses it.
 */
async function forgetNewBinding(
  input: BindInput,
  registered: {binding: MimecastBinding; account: MimecastAccount},
  deps: BindDeps,
  shared: SharedNetwork,
  left: LeftBindingContext,
): Promise<void> {
  if (registered.binding.accessKey === input.existing?.binding.accessKey) return;
  try {
    await deps.logout({
      regionApi: registered.account.regionApi,
      appId: input.settings.mimecast.appId,
      appKey: input.secrets.appKey,
      binding: registered.binding,
      signal: AbortSignal.timeout(5_000),
      ...mimecastTransport(input, shared),
    });
  } catch {
    // Best effort: the save failure is what the user must see.
    await keepLeftBinding(registered.binding, left);
    return;
  }
  await forgetLeftBinding(left);
}
