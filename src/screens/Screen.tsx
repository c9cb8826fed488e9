import type {MachineState} from '../bind/machine.js';
import {engineHalted} from '../bind/machine.js';
import {exchangeUsesOauth} from '../bind/rebind-fields.js';
import type {AppServices} from '../app-services.js';
import {ScreenFrame, headerLines} from './ScreenFrame.js';
import {keyHintLines, type KeyHint} from '../components/KeyHints.js';
import {SettingsScreen, settingsHints} from './SettingsScreen.js';
import {CredentialsScreen, credentialsHints} from './CredentialsScreen.js';
import {RebindScreen, rebindHints} from './RebindScreen.js';
import {BindingScreen, bindingHints} from './BindingScreen.js';
import {ResultScreen, resultHints} from './ResultScreen.js';
import {ActivationScreen, activationHints} from './ActivationScreen.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useNow} from '../components/use-now.js';
import {useTerminalCaps} from '../components/use-terminal-caps.js';

export type ScreenProps = {
  readonly state: MachineState;
  readonly services: AppServices;
};

/** Picks the view for the current screen and frames it within the terminal. */
export function Screen({state, services}: ScreenProps) {
  const {rows, columns} = useTerminalSize();
  const {symbols} = useTerminalCaps();
  // Step panels draw their spinner and elapsed time from `now`; it ticks only while binding.
  const now = useNow(symbols.spinnerIntervalMs, state.screen === 'binding');
  // Ink clears the whole screen once a frame reaches the terminal's height: stay one line short.
  const height = Math.max(10, rows - 1);
  const width = Math.max(40, columns);
  const frame = {warning: services.warning, notice: state.notice, height, width};
  // What the frame's header, the blank line under it and the key hints leave.
  const header = headerLines(services.warning, state.notice, width);
  const bodyRows = (hints: readonly KeyHint[]) =>
    height - 1 - header - keyHintLines(hints, width).length;

  switch (state.screen) {
    case 'settings':
      return (
        <ScreenFrame
          {...frame}
          title="Site settings"
          hints={settingsHints(state.settingsReturn !== null)}
        >
          <SettingsScreen
            state={state}
            rows={bodyRows(settingsHints(state.settingsReturn !== null))}
            columns={width}
          />
        </ScreenFrame>
      );
    case 'credentials':
      return (
        <ScreenFrame {...frame} title="Mimecast administrator" hints={credentialsHints}>
          <CredentialsScreen state={state} demo={services.demo} columns={width} />
        </ScreenFrame>
      );
    case 'rebind': {
      const who = {
        mimecast: state.fields.email.value,
        directory: state.fields.bindName.value,
        exchange: exchangeUsesOauth(state)
          ? `app ${state.fields.exchangeClientId.value}`
          : state.fields.exchangeUser.value,
      };
      return (
        <ScreenFrame {...frame} title="Re-bind" hints={rebindHints}>
          <RebindScreen state={state} who={who} columns={width} />
        </ScreenFrame>
      );
    }
    case 'binding':
      return (
        <ScreenFrame {...frame} title="Bind" hints={bindingHints}>
          <BindingScreen state={state} now={now} />
        </ScreenFrame>
      );
    case 'result':
      return (
        <ScreenFrame
          {...frame}
          title="Result"
          hints={resultHints(state.outcome?.ok ?? false, state.rebind !== null)}
        >
          <ResultScreen
            state={state}
            now={now}
            hasSavedBinding={services.existing !== null}
            width={width}
            rows={bodyRows(resultHints(state.outcome?.ok ?? false, state.rebind !== null))}
          />
        </ScreenFrame>
      );
    case 'activation': {
      const bound = state.outcome?.ok ? state.outcome : null;
      const saved = services.existing;
      const accountLine = bound
        ? `Site ${bound.siteName}, account ${bound.accountName} (${bound.accountCode})`
        : saved
          ? `Site ${saved.settings.siteName}, account ${saved.account.name} (${saved.account.code})`
          : `Site ${state.fields.siteName.value}`;
      return (
        <ScreenFrame {...frame} title="Engine" hints={activationHints(engineHalted(state.engine))}>
          <ActivationScreen
            state={state}
            intervalMs={services.healthIntervalMs}
            accountLine={accountLine}
            width={width}
          />
        </ScreenFrame>
      );
    }
    default: {
      const exhaustive: never = state.screen;
      return exhaustive;
    }
  }
}
