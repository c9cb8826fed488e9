import type {ErrorClass} from './errors.js';
import type {ChoiceFieldId, FormFieldId, FormValues, TextFieldId} from './form.js';
import {formFields} from './form.js';
import type {StepId, StepStatuses} from './steps.js';
import type {HealthReport} from '../engine/health.js';
import {partNeedingRebind} from '../engine/rebind-needed.js';
import type {FieldState} from '../components/text-field-state.js';
import {fieldFromValue} from '../components/text-field-state.js';

/** What the wizard's state machine (machine.ts) holds and the events it takes. */
export type Screen = 'settings' | 'credentials' | 'rebind' | 'binding' | 'result' | 'activation';

/** Which password a re-bind replaces: the Mimecast administrator's or a service account's. */
export type RotatedSecret = 'mimecast' | 'directory' | 'exchange';

export const rotatedSecrets: readonly RotatedSecret[] = ['mimecast', 'directory', 'exchange'];

export type CredentialFieldId = 'email' | 'password';

/** A field's problem, shown beside it: a validation message or the cause of a failed step. */
export type Problem = {readonly field: FormFieldId | CredentialFieldId; readonly message: string};

export type BindRun = {
  readonly id: number;
  readonly startedAt: number;
  readonly steps: StepStatuses;
  readonly finished: boolean;
};

export type BindOutcome =
  | {
      readonly ok: true;
      readonly accountName: string;
      readonly accountCode: string;
      readonly siteName: string;
    }
  | {
      readonly ok: false;
      readonly step: StepId;
      readonly errorClass: ErrorClass;
      readonly message: string;
      readonly fix: string;
      /** The setting the thrower named as most likely at fault, if any. */
      readonly setting?: string;
    };

export type EngineView = {
  readonly state: 'paused' | 'running';
  /** The last health cycle, if one ran since the screen opened. */
  readonly health: HealthReport | null;
  readonly checking: boolean;
  /**
   * How often the checks were started again after they stopped for a re-bind: a new count
   * starts the engine's loop afresh, as the play control does.
   */
  readonly resumes: number;
  /** Why the play control's last change could not be saved, until the next change. */
  readonly saveError: {readonly message: string; readonly fix: string} | null;
};

/**
 * The engine is started but checks nothing: its last cycle found a password refused or the
 * binding expired, and checking again would mean another failed sign-in (see runEngineLoop).
 */
export function engineHalted(engine: EngineView): boolean {
  if (engine.state !== 'running' || engine.checking || engine.health === null) return false;
  return partNeedingRebind(engine.health) !== null;
}

/** The form's values, as the engine screen left them for the settings. */
export type SettingsReturn = {
  readonly fields: MachineState['fields'];
  readonly choices: MachineState['choices'];
};

export type MachineState = {
  readonly screen: Screen;
  readonly fields: Readonly<Record<TextFieldId | CredentialFieldId, FieldState>>;
  readonly choices: Readonly<Record<ChoiceFieldId, string>>;
  /** Index into `formFields` on the settings screen. */
  readonly settingsFocus: number;
  readonly credentialsFocus: CredentialFieldId;
  readonly problems: readonly Problem[];
  readonly run: BindRun | null;
  readonly outcome: BindOutcome | null;
  readonly engine: EngineView;
  /** Set while re-binding a saved site: which password changed. */
  readonly rebind: {readonly changed: RotatedSecret} | null;
  /**
   * Set while the settings were opened from the engine screen (S): the form as it was then,
   * which Esc on the settings puts back on the way back to the engine.
   */
  readonly settingsReturn: SettingsReturn | null;
  /** One line shown under the title: what just happened (a cancel, a retry). */
  readonly notice: string | null;
  readonly quitting: boolean;
  /** Quit with Ctrl+C rather than a quit key: the program then exits as cancelled (130). */
  readonly interrupted: boolean;
};

export type MachineEvent =
  | {
      readonly type: 'field-edited';
      readonly field: TextFieldId | CredentialFieldId;
      readonly state: FieldState;
    }
  | {readonly type: 'choice-cycled'; readonly field: ChoiceFieldId; readonly direction: 1 | -1}
  | {readonly type: 'focus-moved'; readonly direction: 1 | -1}
  | {readonly type: 'settings-submitted'}
  | {readonly type: 'credentials-submitted'; readonly at: number}
  | {readonly type: 'back'}
  | {
      readonly type: 'step-started';
      readonly runId: number;
      readonly step: StepId;
      readonly at: number;
    }
  | {
      readonly type: 'step-passed';
      readonly runId: number;
      readonly step: StepId;
      readonly fact: string;
      readonly at: number;
    }
  | {
      readonly type: 'step-failed';
      readonly runId: number;
      readonly step: StepId;
      readonly errorClass: ErrorClass;
      readonly message: string;
      readonly fix: string;
    }
  | {
      readonly type: 'step-skipped';
      readonly runId: number;
      readonly step: StepId;
      readonly reason: string;
    }
  | {readonly type: 'bind-finished'; readonly runId: number; readonly outcome: BindOutcome}
  | {readonly type: 'bind-cancelled'}
  | {readonly type: 'result-closed'}
  | {readonly type: 'failure-fix-requested'}
  | {readonly type: 'retry-requested'; readonly at: number}
  | {readonly type: 'rebind-choice-moved'; readonly direction: 1 | -1}
  | {readonly type: 'rebind-submitted'; readonly at: number}
  | {readonly type: 'rebind-requested'; readonly changed: RotatedSecret}
  | {readonly type: 'settings-requested'}
  | {readonly type: 'engine-toggled'}
  | {
      readonly type: 'engine-save-failed';
      /** The state the play control was set to and could not be saved. */
      readonly state: 'paused' | 'running';
      readonly message: string;
      readonly fix: string;
    }
  | {readonly type: 'health-checking'}
  | {readonly type: 'health-reported'; readonly report: HealthReport}
  | {readonly type: 'quit-requested'; readonly interrupted?: boolean};

export type InitialStateOptions = {
  readonly values: FormValues;
  readonly email?: string;
  readonly screen?: Screen;
  readonly notice?: string | null;
  readonly engineState?: 'paused' | 'running';
  /** Opens on the "which password changed?" screen of a saved binding. */
  readonly rebind?: RotatedSecret;
};

export function initialState(options: InitialStateOptions): MachineState {
  const {values} = options;
  const fields = {} as Record<TextFieldId | CredentialFieldId, FieldState>;
  const choices = {} as Record<ChoiceFieldId, string>;
  for (const field of formFields) {
    if (field.kind === 'text') fields[field.id] = fieldFromValue(values[field.id]);
    else choices[field.id] = values[field.id];
  }
  fields.email = fieldFromValue(options.email ?? '');
  fields.password = fieldFromValue('');
  return {
    screen: options.rebind ? 'rebind' : (options.screen ?? 'settings'),
    fields,
    choices,
    settingsFocus: 0,
    credentialsFocus: options.email ? 'password' : 'email',
    problems: [],
    run: null,
    outcome: null,
    engine: {
      state: options.engineState ?? 'paused',
      health: null,
      checking: false,
      resumes: 0,
      saveError: null,
    },
    rebind: options.rebind ? {changed: options.rebind} : null,
    settingsReturn: null,
    notice: options.notice ?? null,
    quitting: false,
    interrupted: false,
  };
}

/** The form's current values, as the pipeline and validation need them. */
export function formValuesOf(state: MachineState): FormValues {
  const values = {} as Record<FormFieldId, string>;
  for (const field of formFields) {
    values[field.id] =
      field.kind === 'text' ? state.fields[field.id].value : state.choices[field.id];
  }
  return values;
}
