import {BindError, exitCodes} from '../bind/errors.js';
import {cancelOnStopSignals} from './stop-signals.js';
import type {CommonOptions} from '../cli.js';
import type {RotatedSecret} from '../bind/machine.js';
import {formValuesFrom, settingsFrom, validateForm} from '../bind/form.js';
import {runBind} from '../bind/pipeline.js';
import {realDeps} from '../bind/real-deps.js';
import {emptySettings} from '../bind/settings.js';
import type {SiteSecrets} from '../bind/settings.js';
import {readSettingsFile} from '../bind/settings-file.js';
import {allValidSavedLine} from '../bind/valid-line.js';
import {adminPasswordProblem, emailProblem} from '../bind/credentials-check.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {withRememberedKeyFileConsent} from '../storage/key-file-consent.js';
import {loadBinding} from '../storage/binding-store.js';
import {checkKeyStorage} from '../storage/key-storage-check.js';
import {applySettingsFlags} from './settings-flags.js';
import type {SettingsFlags} from './settings-flags.js';
import {
  readStdinLines,
  secretEnvironment,
  secretFrom,
  siteSecretsFrom,
  stdinSecretOrder,
} from './read-secrets.js';
import type {SecretName} from './read-secrets.js';
import {stepReporter} from './step-reporter.js';
import {adviceContext, adviceFor} from './advice.js';
import {settingProblemsError} from './setting-sources.js';

export type NonInteractiveOptions = CommonOptions & {
  readonly email: string | undefined;
  readonly passwordStdin: boolean;
  readonly changed: RotatedSecret;
  readonly settings: SettingsFlags;
};

const rotatedSecretName: Readonly<Record<RotatedSecret, SecretName>> = {
  mimecast: 'password',
  directory: 'directoryPassword',
  exchange: 'exchangePassword',
};

/**
 * `bind --non-interactive` and `rebind --non-interactive`: the same pipeline as the wizard, one
 * line per step, and an exit code per error class.
 */
export async function runBindNonInteractive(
  options: NonInteractiveOptions,
  mode: 'bind' | 'rebind',
): Promise<number> {
  // From the start, not only once the steps run: a stop while stdin is still being read (a
  // slow writer) or the binding loaded must end as a cancel, with its code and message.
  const controller = new AbortController();
  const releaseSignals = cancelOnStopSignals(() => controller.abort());
  try {
    return await bindNonInteractive(options, mode, controller.signal);
  } finally {
    releaseSignals();
  }
}

async function bindNonInteractive(
  options: NonInteractiveOptions,
  mode: 'bind' | 'rebind',
  signal: AbortSignal,
): Promise<number> {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const advise = (fix: string) => adviceFor(fix, adviceContext(options.stateDir));
  const store = await withRememberedKeyFileConsent({
    stateDir: resolveStateDir(options.stateDir),
    allowKeyFile: options.allowKeyFile,
  });
  // The signal goes to the reads only: the steps' save must not be cut short by it.
  const existing = await loadBinding({...store, signal});
  if (mode === 'rebind' && !existing) {
    throw new BindError(
      'not-found',
      `Nothing is bound in ${store.stateDir}, so there is nothing to re-bind.`,
      'Bind the site first: `mse-bind bind --non-interactive --config FILE --email ADDRESS ' +
        '--password-stdin`, the secrets on standard input.',
    );
  }
  const base = options.config
    ? await readSettingsFile(options.config)
    : (existing?.settings ?? emptySettings());
  const typedSettings = applySettingsFlags(base, options.settings);
  // A rotation reads one new password; a bind the secrets in their order.
  const maxLines = mode === 'rebind' ? 1 : stdinSecretOrder.length;
  const lines = options.passwordStdin
    ? await readStdinLines(maxLines, process.stdin, signal)
    : null;
  const sources = {lines, env: process.env, saved: existing?.secrets ?? null};

  let typedSecrets: SiteSecrets;
  let password: string | null;
  if (mode === 'rebind') {
    // A rotation takes exactly one new secret: the first stdin line or its variable. An
    // Exchange that signs in with OAuth rotates its app's client secret, not a password.
    const oauth = typedSettings.exchange.authScheme === 'oauth';
    const name =
      options.changed === 'exchange' && oauth
        ? 'exchangeClientSecret'
        : rotatedSecretName[options.changed];
    const typed = secretFrom(name, {lines, env: process.env, saved: null}, 0);
    if (!typed) {
      const what = name === 'exchangeClientSecret' ? 'client secret' : 'password';
      throw new BindError(
        'input',
        `No new ${what} was given for the ${options.changed} account.`,
        `Pipe it in with --password-stdin, or set ${secretEnvironment[name]}.`,
      );
    }
    const saved = existing!.secrets;
    typedSecrets = {...saved, ...(name === 'password' ? {} : {[name]: typed})};
    password = name === 'password' ? typed : null;
  } else {
    typedSecrets = siteSecretsFrom(sources);
    password = secretFrom('password', sources);
    if (!password) {
      throw new BindError(
        'input',
        'No Mimecast administrator password was given.',
        'Pipe it in as the first line with --password-stdin, or set MSE_BIND_PASSWORD.',
        {setting: 'password'},
      );
    }
  }

  // Through the form's values and back, as the wizard does: the same checks, and values trimmed
  // the same way (a trailing space in a host name from a script is not part of the name).
  const values = formValuesFrom(typedSettings, typedSecrets);
  const problems = validateForm(values);
  if (problems.length > 0) throw settingProblemsError(problems);
  const {settings, secrets} = settingsFrom(values);
  const email = options.email ?? existing?.binding.boundBy ?? '';
  const emailMessage = emailProblem(email);
  if (emailMessage !== null) {
    throw new BindError(
      'input',
      email === ''
        ? 'No Mimecast administrator email was given.'
        : email.length <= 100
          ? `"${email}" is not an email address.`
          : emailMessage,
      'Give the administrator with --email admin@example.com.',
      {setting: 'email'},
    );
  }
  const passwordMessage = password === null ? null : adminPasswordProblem(password);
  if (passwordMessage !== null) {
    throw new BindError('input', passwordMessage, 'Give the Mimecast administrator password.', {
      setting: 'password',
    });
  }

  // Last of the checks before any traffic: step 5 would otherwise fail after a binding exists.
  await checkKeyStorage({...store, signal});

  const result = await runBind(
    {settings, secrets, credentials: {email, password}, existing},
    stepReporter(options.json, write, advise),
    signal,
    realDeps(store),
  );
  if (result.ok) {
    const {account} = result.record;
    if (options.json) {
      write(JSON.stringify({result: 'valid', exitCode: 0, site: settings.siteName, account}));
    } else {
      write(allValidSavedLine);
      write(`Site ${settings.siteName} is bound to ${account.name} (${account.code}).`);
    }
    return 0;
  }
  const {errorClass, message} = result.error;
  const fix = advise(result.error.fix);
  const exitCode = exitCodes[errorClass];
  if (options.json) {
    write(
      JSON.stringify({result: 'failed', exitCode, step: result.step, errorClass, message, fix}),
    );
  } else {
    const kept = existing ? ' The saved binding is unchanged.' : ' Nothing was saved.';
    process.stderr.write(`mse-bind: step ${result.step} failed (${errorClass}).${kept}\n`);
  }
  return exitCode;
}
