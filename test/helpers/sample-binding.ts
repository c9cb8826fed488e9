import {bindingRecordSchemaVersion, type BindingRecord} from '../../src/storage/binding-record.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';

/** A complete binding of the demo site, as step 5 would save it. */
export function sampleBindingRecord(): BindingRecord {
  const {mimecast, directory, exchange} = demoFixture;
  return {
    schemaVersion: bindingRecordSchemaVersion,
    settings: {
      siteName: demoFixture.siteName,
      mimecast: {discoveryUrl: 'https://127.0.0.1:1', appId: mimecast.appId},
      directory: {
        type: 'ldap',
        host: '127.0.0.1',
        port: 636,
        tlsMode: 'ldaps',
        baseDn: directory.baseDn,
        bindName: directory.bindName,
      },
      exchange: {
        ewsUrl: 'https://127.0.0.1:2/EWS/Exchange.asmx',
        authScheme: 'ntlm',
        user: exchange.user,
        accessMode: 'impersonation',
        mailbox: exchange.mailbox,
      },
      network: {caFile: ''},
    },
    secrets: {
      appKey: mimecast.appKey,
      directoryPassword: directory.password,
      exchangePassword: exchange.password,
    },
    account: {
      code: mimecast.accountCode,
      name: mimecast.accountName,
      regionApi: 'https://127.0.0.1:1/eu',
    },
    binding: {
      appId: mimecast.appId,
      accessKey: 'mYtOp-AccessKey-0123456789abcdefABCDEF',
      secretKey: Buffer.from('binding secret key for the demo site').toString('base64'),
      boundBy: mimecast.admin.email,
      boundAt: '2026-03-01T09:30:00.000Z',
      expiresAt: '2026-06-01T09:30:00.000Z',
    },
    engine: {state: 'paused'},
  };
}

/** Every value of the record that must never be seen outside the encrypted file. */
export function secretValuesOf(record: BindingRecord): string[] {
  return [
    record.secrets.appKey,
    record.secrets.directoryPassword,
    record.secrets.exchangePassword,
    record.binding.accessKey,
    record.binding.secretKey,
  ];
}
