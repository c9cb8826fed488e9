import type {BindingStatus} from '../storage/binding-status.js';
import {printable} from '../bind/control-characters.js';

function when(iso: string | null): string {
  if (!iso) return 'never (the authentication profile does not expire bindings)';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('.000Z', 'Z');
}

/** `mse-bind status` for people: one fact a line, aligned, and no secret. */
export function formatStatus(status: BindingStatus | null, stateDir: string): string {
  if (!status) return `Nothing is bound in ${stateDir}.\nRun \`mse-bind\` to bind this site.\n`;
  const {directory, exchange} = status;
  const rows: [string, string][] = [
    ['Site', status.siteName],
    ['Account', `${status.account.name} (${status.account.code})`],
    ['Region', status.account.regionApi],
    ['Bound by', status.boundBy],
    ['Bound at', when(status.boundAt)],
    ['Binding expires', when(status.expiresAt)],
    [
      'Directory',
      `${directory.type} ${directory.host}:${directory.port} (${directory.tlsMode}), ` +
        `base ${directory.baseDn || '(from the server)'}, as ${directory.bindName}`,
    ],
    [
      'Exchange',
      `${exchange.ewsUrl || '(autodiscover)'} (${exchange.authScheme}), as ${exchange.user}`,
    ],
    [
      'Exchange access',
      exchange.mailbox ? `${exchange.accessMode} ${exchange.mailbox}` : exchange.accessMode,
    ],
    // The saved state is the play control's; whether a process runs the cycle now is not known
    // here, so the line says where it runs rather than claiming that it does.
    [
      'Engine',
      status.engineState === 'running'
        ? 'on: checks run under mse-bind run or on the engine screen'
        : 'paused by the play control',
    ],
    ['Stored in', status.dataFile],
    ['Data key', status.keyLocation === 'keychain' ? 'OS keychain' : 'key file (weaker)'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${printable(value)}\n`).join('');
}
