import type {FormFieldId} from './form.js';
import {fieldApplies, formFields, validateForm} from './form.js';
import {choiceCycled} from './choice-cycled.js';
import type {StepId, StepStatuses} from './steps.js';
import {allWaiting, stepIds} from './steps.js';
import {failureField} from './failure-field.js';
import type {FieldState} from '../components/text-field-state.js';
import {fieldFromValue} from '../components/text-field-state.js';
import {adminPasswordProblem, emailProblem} from './credentials-check.js';
import type {BindRun, MachineEvent, MachineState, Problem} from './machine-state.js';
import {engineHalted, formValuesOf, rotatedSecrets} from './machine-state.js';
import {rotatedFieldOf, secretOfField, withRotatedPasswordTyped} from './rebind-fields.js';

/**
 * The wizard's state machine: a pure reducer over screens and events (their types, and the
 * initial state, are in machine-state.ts). It is the single source of truth; screens render
 * it, the pipeline and the engine feed it events.
 */
export {fieldFromValue};
export type {FieldState};
export * from './machine-state.js';

function focusOf(id: FormFieldId): number {
  return Math.max(
    0,
    formFields.findIndex((field) => field.id === id),
  );
}

function startRun(state: MachineState, at: number): MachineState {
  return {
    ...state,
    screen: 'binding',
    run: {id: (state.run?.id ?? 0) + 1, startedAt: at, steps: allWaiting(), finished: false},
    outcome: null,
    notice: null,
  };
}

function updateStep(
  state: MachineState,
  runId: number,
  step: StepId,
  status: StepStatuses[StepId],
) {
  if (!state.run || state.run.id !== runId || state.run.finished) return state;
  return {...state, run: {...state.run, steps: {...state.run.steps, [step]: status}}};
}

export function machine(state: MachineState, event: MachineEvent): MachineState {
  switch (event.type) {
    case 'field-edited': {
      const problems = state.problems.filter((problem) => problem.field !== event.field);
      return {...state, fields: {...state.fields, [event.field]: event.state}, problems};
    }

    case 'choice-cycled': {
      const next = choiceCycled(state, event.field, event.direction);
      // A problem of a field the new choice hides (a password under OAuth) goes with it.
      const values = formValuesOf(next);
      const problems = next.problems.filter(
        (problem) => !isFormField(problem.field) || fieldApplies(problem.field, values),
      );
      return {...next, problems};
    }

    case 'focus-moved': {
      if (state.screen === 'credentials') {
        return {
          ...state,
          credentialsFocus: state.credentialsFocus === 'email' ? 'password' : 'email',
        };
      }
      const count = formFields.length;
      const values = formValuesOf(state);
      let focus = state.settingsFocus;
      // Fields that do not apply to the choices made (OAuth's, say) are passed over.
      for (let tries = 0; tries < count; tries++) {
        focus = (focus + event.direction + count) % count;
        const field = formFields[focus];
        if (field && fieldApplies(field.id, values)) break;
      }
      return {...state, settingsFocus: focus};
    }

    case 'settings-submitted': {
      const problems = validateForm(formValuesOf(state));
      const first = problems[0];
      if (first) return {...state, problems, settingsFocus: focusOf(first.field)};
      return {...state, problems: [], screen: 'credentials', notice: null};
    }

    case 'credentials-submitted': {
      const email = state.fields.email.value.trim();
      const emailMessage = emailProblem(email);
      if (emailMessage !== null) {
        const problems = [{field: 'email', message: emailMessage}] as const;
        return {...state, problems, credentialsFocus: 'email'};
      }
      const passwordMessage = adminPasswordProblem(state.fields.password.value);
      if (passwordMessage !== null) {
        const problems = [{field: 'password', message: passwordMessage}] as const;
        return {...state, problems, credentialsFocus: 'password'};
      }
      const formProblems = validateForm(formValuesOf(state));
      const first = formProblems[0];
      if (first) {
        return {
          ...state,
          screen: 'settings',
          problems: formProblems,
          settingsFocus: focusOf(first.field),
        };
      }
      return startRun({...state, problems: []}, event.at);
    }

    case 'back': {
      if (state.screen === 'settings') return settingsClosed(state);
      if (state.screen === 'credentials') {
        return {...state, screen: 'settings', problems: [], notice: null};
      }
      // From the quick re-bind to the whole form: a full bind with the saved values. Esc there
      // goes on to the engine with nothing changed, as from the settings the engine opens.
      if (state.screen === 'rebind') {
        const fields = {...state.fields, password: fieldFromValue('')};
        return {
          ...state,
          screen: 'settings',
          rebind: null,
          fields,
          problems: [],
          settingsReturn: {fields, choices: state.choices},
        };
      }
      if (state.screen === 'result' && state.outcome && !state.outcome.ok) {
        if (!state.rebind) return {...state, screen: 'credentials'};
        // Back to the re-bind screen with the new password typed there, as after a cancel.
        const fields = withRotatedPasswordTyped(state, state.rebind.changed);
        return {...state, screen: 'rebind', fields};
      }
      return state;
    }

    case 'step-started':
      return updateStep(state, event.runId, event.step, {kind: 'running', startedAt: event.at});

    case 'step-passed': {
      const current = state.run?.steps[event.step];
      const startedAt = current?.kind === 'running' ? current.startedAt : event.at;
      return updateStep(state, event.runId, event.step, {
        kind: 'passed',
        fact: event.fact,
        ms: Math.max(0, event.at - startedAt),
      });
    }

    case 'step-failed':
      return updateStep(state, event.runId, event.step, {
        kind: 'failed',
        errorClass: event.errorClass,
        message: event.message,
        fix: event.fix,
      });

    case 'step-skipped':
      return updateStep(state, event.runId, event.step, {kind: 'skipped', reason: event.reason});

    case 'bind-finished': {
      if (!state.run || state.run.id !== event.runId || state.run.finished) return state;
      const run = {...state.run, finished: true};
      const fields = event.outcome.ok
        ? {...state.fields, password: fieldFromValue('')}
        : state.fields;
      const engine = event.outcome.ok ? {...state.engine, health: null} : state.engine;
      const finished = {...state, run, fields, engine, outcome: event.outcome};
      if (event.outcome.ok && state.rebind) {
        // A re-bind returns to the engine as it was; the valid line is kept as the notice.
        return {...finished, screen: 'activation', notice: reboundNotice};
      }
      return {...finished, screen: 'result'};
    }

    case 'bind-cancelled': {
      if (state.screen !== 'binding' || !state.run) return state;
      // The save is atomic and quick; cancelling it would leave an orphan binding at Mimecast.
      if (state.run.steps[5].kind === 'running') return state;
      // Back where the bind was started: a re-bind to its own screen, with the new password
      // typed there still in place, so Enter runs it again.
      return {
        ...state,
        run: {...state.run, finished: true},
        screen: state.rebind ? 'rebind' : 'credentials',
        fields: state.rebind ? withRotatedPasswordTyped(state, state.rebind.changed) : state.fields,
        notice: 'Bind cancelled. Nothing was saved; the saved binding, if any, is unchanged.',
      };
    }

    case 'result-closed': {
      if (state.screen !== 'result' || !state.outcome?.ok) return state;
      return {...state, screen: 'activation', notice: null};
    }

    case 'failure-fix-requested': {
      if (state.screen !== 'result' || !state.outcome || state.outcome.ok) return state;
      const {step, errorClass, setting} = state.outcome;
      const target = failureField(step, errorClass, setting);
      // A secret that was refused is cleared: typing the right one must not add to it. Esc
      // keeps it, so a bind that failed for another reason runs again with Enter.
      const refused = errorClass === 'credentials' && isSecretField(target);
      const rotated = state.rebind ? secretOfField(target) : null;
      if (rotated) {
        // The new password typed for that account is shown again; one typed for another
        // account is not, or Enter would send it to the wrong service.
        const fields =
          rotated === state.rebind?.changed && !refused
            ? withRotatedPasswordTyped(state, rotated)
            : {...state.fields, password: fieldFromValue('')};
        const problems: Problem[] = [{field: 'password', message: state.outcome.message}];
        return {...state, screen: 'rebind', rebind: {changed: rotated}, fields, problems};
      }
      const fields = refused ? {...state.fields, [target]: fieldFromValue('')} : state.fields;
      if (target === 'email' || target === 'password') {
        // The cause is shown beside the field, as the settings show theirs.
        const problems: Problem[] = [{field: target, message: state.outcome.message}];
        return {...state, screen: 'credentials', credentialsFocus: target, fields, problems};
      }
      const problems: Problem[] = [{field: target, message: state.outcome.message}];
      // From a re-bind the engine's form is no longer the one Esc would go back to.
      const settingsReturn = state.rebind ? null : state.settingsReturn;
      return {
        ...state,
        screen: 'settings',
        settingsFocus: focusOf(target),
        fields,
        problems,
        settingsReturn,
      };
    }

    case 'retry-requested': {
      if (state.screen !== 'result' || !state.outcome || state.outcome.ok) return state;
      if (!state.rebind && state.fields.password.value === '') {
        return {...state, screen: 'credentials'};
      }
      return startRun(state, event.at);
    }

    case 'rebind-choice-moved': {
      if (state.screen !== 'rebind' || !state.rebind) return state;
      const index = rotatedSecrets.indexOf(state.rebind.changed) + event.direction;
      const changed = rotatedSecrets[(index + rotatedSecrets.length) % rotatedSecrets.length];
      return changed ? {...state, rebind: {changed}, problems: []} : state;
    }

    case 'rebind-submitted': {
      if (state.screen !== 'rebind' || !state.rebind) return state;
      const typed = state.fields.password.value;
      if (typed === '') {
        const message = 'Type the new password, then press Enter.';
        return {...state, problems: [{field: 'password', message}]};
      }
      const {changed} = state.rebind;
      if (changed === 'mimecast') return startRun({...state, problems: []}, event.at);
      const target = rotatedFieldOf(state, changed);
      const fields = {
        ...state.fields,
        [target]: fieldFromValue(typed),
        password: fieldFromValue(''),
      };
      return startRun({...state, fields, problems: []}, event.at);
    }

    case 'rebind-requested': {
      if (state.screen !== 'activation') return state;
      return {
        ...state,
        screen: 'rebind',
        rebind: {changed: event.changed},
        fields: {...state.fields, password: fieldFromValue('')},
        problems: [],
        notice: null,
      };
    }

    case 'settings-requested': {
      if (state.screen !== 'activation') return state;
      const fields = {...state.fields, password: fieldFromValue('')};
      return {
        ...state,
        screen: 'settings',
        rebind: null,
        fields,
        problems: [],
        notice: null,
        settingsReturn: {fields, choices: state.choices},
      };
    }

    case 'engine-toggled': {
      if (state.screen !== 'activation') return state;
      const {engine} = state;
      // Checks stopped for a re-bind: the control starts them again rather than pausing.
      if (engineHalted(engine)) {
        return {
          ...state,
          engine: {...engine, health: null, resumes: engine.resumes + 1, saveError: null},
        };
      }
      const next = engine.state === 'running' ? 'paused' : 'running';
      return {...state, engine: {...engine, state: next, saveError: null}};
    }

    case 'engine-save-failed': {
      // The engine goes back to the state that is saved, so that the screen tells the truth.
      if (state.engine.state !== event.state) return state;
      const saved = event.state === 'running' ? 'paused' : 'running';
      const saveError = {message: event.message, fix: event.fix};
      return {...state, engine: {...state.engine, state: saved, saveError}};
    }

    case 'health-checking':
      return {...state, engine: {...state.engine, checking: true}};

    case 'health-reported': {
      const engine = {...state.engine, health: event.report, checking: false};
      // The re-bind's valid line stands until a check says otherwise.
      const failed = Object.values(event.report.checks).some((check) => !check.ok);
      const notice = failed && state.notice === reboundNotice ? null : state.notice;
      return {...state, engine, notice};
    }

    case 'quit-requested':
      return {...state, quitting: true, interrupted: event.interrupted ?? false};

    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}

export const reboundNotice = '[+] ALL SETTINGS ARE VALID: the binding was refreshed and saved.';

export const settingsDroppedNotice =
  'The settings typed were dropped; the engine goes on with the saved binding.';

/**
 * Esc on the settings opened from the engine screen: back to the engine, with the changes
 * typed there dropped. An administrator takes Esc for "cancel", and nothing typed in the form
 * applies until a bind saves it: the engine goes on checking with the saved binding, while a
 * kept edit would show up at the next S as if it were saved, and the next re-bind (R) would
 * bind with it unasked. Opened any other way (nothing bound yet), Esc does nothing.
 */
function settingsClosed(state: MachineState): MachineState {
  const saved = state.settingsReturn;
  if (!saved) return state;
  const restored = {...state, fields: saved.fields, choices: saved.choices};
  const values = formValuesOf(state);
  const before = formValuesOf(restored);
  const changed = formFields.some((field) => values[field.id] !== before[field.id]);
  return {
    ...restored,
    screen: 'activation',
    settingsFocus: 0,
    problems: [],
    settingsReturn: null,
    notice: changed ? settingsDroppedNotice : null,
  };
}

function isFormField(id: string): id is FormFieldId {
  return formFields.some((field) => field.id === id);
}

/** The administrator's password or a secret of the site settings. */
function isSecretField(id: string): boolean {
  return (
    id === 'password' ||
    formFields.some((field) => field.id === id && field.kind === 'text' && field.secret)
  );
}

/** Whether the focused settings field is the last one that applies: Enter there continues. */
export function onLastSettingsField(state: MachineState): boolean {
  const values = formValuesOf(state);
  const rest = formFields.slice(state.settingsFocus + 1);
  return rest.every((field) => !fieldApplies(field.id, values));
}

/** Steps that have not reached a final status yet. */
export function unfinishedSteps(run: BindRun): StepId[] {
  return stepIds.filter((id) => {
    const kind = run.steps[id].kind;
    return kind === 'waiting' || kind === 'running';
  });
}
