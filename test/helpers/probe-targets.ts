import type {ProbeTarget} from '../../src/bind/exchange/probe-target.js';

/** An on-premises probe by a service account impersonating alice. */
export const onPremisesTarget: ProbeTarget = {
  url: new URL('https://mail.contoso.example/EWS/Exchange.asmx'),
  user: 'svc-mse@contoso.example',
  accessMode: 'impersonation',
  mailbox: 'alice@contoso.example',
  scheme: 'basic',
  exchangeOnline: false,
  proxy: null,
  clientId: '',
};

/** An Exchange Online probe by an OAuth app impersonating alice. */
export const exchangeOnlineTarget: ProbeTarget = {
  ...onPremisesTarget,
  url: new URL('https://outlook.office365.com/EWS/Exchange.asmx'),
  user: 'app 5e0c7a21-8b4d-4c39-9f1e-6d2a3b4c5d6e',
  scheme: 'oauth',
  exchangeOnline: true,
  clientId: '5e0c7a21-8b4d-4c39-9f1e-6d2a3b4c5d6e',
};
