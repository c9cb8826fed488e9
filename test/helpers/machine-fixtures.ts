import type {FormValues} from '../../src/bind/form.js';
import {formValuesFrom} from '../../src/bind/form.js';
import type {MachineState} from '../../src/bind/machine.js';
import {initialState} from '../../src/bind/machine.js';

/** A complete, valid form: what a pre-filled site looks like. */
export function validValues(overrides: Partial<FormValues> = {}): FormValues {
  const values = formValuesFrom(
    {
      siteName: 'London',
      mimecast: {discoveryUrl: 'https://api.mimecast.com', appId: 'app-id'},
      directory: {
        type: 'ldap',
        host: 'dc1.example.com',
        port: 636,
        tlsMode: 'ldaps',
        baseDn: 'dc=example,dc=com',
        bindName: 'cn=svc,dc=example,dc=com',
      },
      exchange: {
        ewsUrl: 'https://mail.example.com/EWS/Exchange.asmx',
        authScheme: 'basic',
        user: 'svc@example.com',
        accessMode: 'own',
        mailbox: '',
      },
      network: {caFile: ''},
    },
    {appKey: 'app-key-value', directoryPassword: 'dir-pass', exchangePassword: 'ews-pass'},
  );
  return {...values, ...overrides};
}

export function credentialsState(overrides: Partial<FormValues> = {}): MachineState {
  return initialState({values: validValues(overrides), screen: 'credentials'});
}
