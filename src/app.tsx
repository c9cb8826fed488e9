import {useEffect, useReducer, useRef} from 'react';
import {useApp, useInput} from 'ink';
import type {Key} from 'ink';
import type {MachineEvent, MachineState} from './bind/machine.js';
import {formValuesOf, machine} from './bind/machine.js';
import {settingsFrom} from './bind/form.js';
import {runBind} from './bind/pipeline.js';
import type {PipelineEvent} from './bind/pipeline.js';
import {reduceKey} from './keymap.js';
import {useInputGuard} from './components/use-input-guard.js';
import {BindError, exitCodes} from './bind/errors.js';
import type {AppServices} from './app-services.js';
import {runEngineLoop} from './engine/health-cycle.js';
import type {BindingRecord} from './storage/binding-record.js';
import {Screen} from './screens/Screen.js';

type AppAction =
  | {readonly type: 'key'; readonly input: string; readonly key: Key; readonly now: number}
  | MachineEvent;

function appReducer(state: MachineState, action: AppAction): MachineState {
  if (action.type === 'key') return reduceKey(state, action.input, action.key, {now: action.now});
  return machine(state, action);
}

export type AppProps = {
  readonly initial: MachineState;
  readonly services: AppServices;
};

/** The root: owns the state machine, the one input handler, the side effects and the exit. */
export function App({initial, services}: AppProps) {
  const [state, dispatch] = useReducer(appReducer, initial);
  const {exit} = useApp();
  const record = useRef<BindingRecord | null>(services.existing);
  const bindController = useRef<{runId: number; controller: AbortController} | null>(null);

  // Every key reaches the one input handler through the guard, which drops the escape
  // sequences the wizard has no use for (see input-guard.ts).
  useInputGuard();
  useInput((input, key) => dispatch({type: 'key', input, key, now: Date.now()}));

  // Unmounting is how a signal (an SSH hang-up, SIGTERM) ends the wizard: a bind still running
  // is cancelled as Esc cancels it, so a program on its way out saves nothing.
  useEffect(() => () => bindController.current?.controller.abort(), []);

  // A new run id starts the pipeline; a run that finished without an outcome was cancelled.
  const run = state.run;
  useEffect(() => {
    if (!run) return;
    const active = bindController.current;
    if (run.finished) {
      if (active?.runId === run.id) {
        active.controller.abort();
        bindController.current = null;
      }
      return;
    }
    if (active?.runId === run.id) return;
    const controller = new AbortController();
    bindController.current = {runId: run.id, controller};
    const {settings, secrets} = settingsFrom(formValuesOf(state));
    // An empty password here means a service account's password was rotated: step 2 then
    // confirms the saved binding instead of signing in.
    const typed = state.fields.password.value;
    const credentials = {email: state.fields.email.value.trim(), password: typed || null};
    const emit = (event: PipelineEvent) => dispatch(toMachineEvent(event, run.id));
    void runBind(
      {settings, secrets, credentials, existing: record.current},
      emit,
      controller.signal,
      services.deps,
    ).then((result) => {
      if (bindController.current?.runId === run.id) bindController.current = null;
      if (controller.signal.aborted) return;
      if (result.ok) {
        record.current = result.record;
        dispatch({
          type: 'bind-finished',
          runId: run.id,
          outcome: {
            ok: true,
            accountName: result.record.account.name,
            accountCode: result.record.account.code,
            siteName: result.record.settings.siteName,
          },
        });
      } else {
        dispatch({
          type: 'bind-finished',
          runId: run.id,
          outcome: {
            ok: false,
            step: result.step,
            errorClass: result.error.errorClass,
            message: result.error.message,
            fix: result.error.fix,
            setting: result.error.setting,
          },
        });
      }
    });
    // Keyed on the run's identity only: its contents change with every step event.
  }, [run?.id, run?.finished]);

  // The engine's health cycle runs while the activation screen shows it started.
  const engineRunning = state.screen === 'activation' && state.engine.state === 'running';
  useEffect(() => {
    const saved = record.current;
    if (state.screen !== 'activation' || !saved) return;
    const next = state.engine.state;
    if (saved.engine.state === next) return;
    record.current = {...saved, engine: {state: next}};
    services.saveEngineState(next).catch((error: unknown) => {
      // Unbound from another window, or another mse-bind is binding: the screen says so and
      // shows the state that is saved.
      if (record.current?.engine.state === next) record.current = saved;
      const {message, fix} =
        error instanceof BindError
          ? error
          : {message: String(error), fix: 'Try again; if it repeats, restart mse-bind.'};
      dispatch({type: 'engine-save-failed', state: next, message, fix});
    });
  }, [state.screen, state.engine.state, services]);

  useEffect(() => {
    const current = record.current;
    if (!engineRunning || !current) return;
    const controller = new AbortController();
    void runEngineLoop({
      record: current,
      deps: services.deps,
      intervalMs: services.healthIntervalMs,
      signal: controller.signal,
      onChecking: () => dispatch({type: 'health-checking'}),
      onReport: (report) => dispatch({type: 'health-reported', report}),
    });
    return () => controller.abort();
  }, [engineRunning, state.engine.resumes, services]);

  useEffect(() => {
    if (!state.quitting) return;
    bindController.current?.controller.abort();
    exit(quitExitCode(state));
  }, [state.quitting, state.interrupted, exit]);

  return <Screen state={state} services={services} />;
}

/**
 * Ctrl+C is a cancel (130). Leaving the result of a failed bind exits with its class's code,
 * as `bind --non-interactive` would, so that a script that opened the wizard is not told it
 * succeeded; any other way out is 0.
 */
function quitExitCode(state: MachineState): number {
  if (state.interrupted) return exitCodes.cancelled;
  const {outcome} = state;
  if (state.screen === 'result' && outcome && !outcome.ok) return exitCodes[outcome.errorClass];
  return 0;
}

function toMachineEvent(event: PipelineEvent, runId: number): MachineEvent {
  const at = Date.now();
  switch (event.type) {
    case 'step-started':
      return {type: 'step-started', runId, step: event.step, at};
    case 'step-passed':
      return {type: 'step-passed', runId, step: event.step, fact: event.fact, at};
    case 'step-failed':
      return {
        type: 'step-failed',
        runId,
        step: event.step,
        errorClass: event.error.errorClass,
        message: event.error.message,
        fix: event.error.fix,
      };
    case 'step-skipped':
      return {type: 'step-skipped', runId, step: event.step, reason: event.reason};
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}
