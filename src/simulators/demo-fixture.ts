/**
 * The fixed demo site: one Mimecast account, one directory and one Exchange server, served by
 * the loopback simulators for `mse-bind demo`, `mse-bind simulate` and the tests. The
 * credentials are public (they are in the README) and work nowhere but the simulators.
 */
export const demoFixture = {
  siteName: 'Contoso London',
  domain: 'contoso.example',
  mimecast: {
    appId: '6f8e3c1a-2b4d-4e5f-9a7b-1c2d3e4f5a6b',
    appKey: 'c1a5e2f0-7d3b-4b8e-9f61-2a4c6e8d0b13',
    accountCode: 'CUK12A34',
    accountName: 'Contoso Ltd',
    region: 'eu',
    admin: {email: 'admin@contoso.example', password: 'Demo-Admin-2026!'},
  },
  directory: {
    baseDn: 'dc=contoso,dc=example',
    bindName: 'cn=svc-mse,ou=services,dc=contoso,dc=example',
    password: 'Demo-Directory-2026!',
    users: [
      {uid: 'alice', cn: 'Alice Anders', mail: 'alice@contoso.example'},
      {uid: 'bob', cn: 'Bob Brown', mail: 'bob@contoso.example'},
      {uid: 'carol', cn: 'Carol Clark', mail: 'carol@contoso.example'},
    ],
  },
  exchange: {
    user: 'svc-mse@contoso.example',
    password: 'Demo-Exchange-2026!',
    mailbox: 'svc-mse@contoso.example',
  },
} as const;
