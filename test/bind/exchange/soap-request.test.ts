import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {
  ewsMessagesNs,
  ewsTypesNs,
  soapEnvelopeNs,
} from '../../../src/bind/exchange/ews-namespaces.js';
import {buildGetFolderEnvelope} from '../../../src/bind/exchange/soap-request.js';
import {childOf, parseNamespacedXml} from '../../../src/simulators/ews/namespaced-xml.js';

function read(xml: string) {
  const envelope = parseNamespacedXml(xml);
  assert.ok(envelope, 'the envelope must be well-formed XML with declared prefixes');
  const header = childOf(envelope, soapEnvelopeNs, 'Header');
  const getFolder = childOf(childOf(envelope, soapEnvelopeNs, 'Body'), ewsMessagesNs, 'GetFolder');
  const folderIds = childOf(getFolder, ewsMessagesNs, 'FolderIds');
  return {
    version: childOf(header, ewsTypesNs, 'RequestServerVersion')?.attributes.Version,
    impersonation: childOf(header, ewsTypesNs, 'ExchangeImpersonation'),
    shape: childOf(childOf(getFolder, ewsMessagesNs, 'FolderShape'), ewsTypesNs, 'BaseShape')?.text,
    folderId: childOf(folderIds, ewsTypesNs, 'DistinguishedFolderId'),
  };
}

describe('buildGetFolderEnvelope', () => {
  it('asks for the message folder root, IdOnly, with the requested schema', () => {
    const request = read(
      buildGetFolderEnvelope({version: 'Exchange2010_SP2', accessMode: 'own', mailbox: 'x@y'}),
    );
    assert.equal(request.version, 'Exchange2010_SP2');
    assert.equal(request.shape, 'IdOnly');
    assert.equal(request.folderId?.attributes.Id, 'msgfolderroot');
    assert.equal(request.folderId?.children.length, 0);
    assert.equal(request.impersonation, undefined);
  });

  it('names a delegated mailbox inside the folder id', () => {
    const request = read(
      buildGetFolderEnvelope({version: 'Exchange2013_SP1', accessMode: 'delegate', mailbox: 'a@b'}),
    );
    const address = childOf(
      childOf(request.folderId, ewsTypesNs, 'Mailbox'),
      ewsTypesNs,
      'EmailAddress',
    );
    assert.equal(address?.text, 'a@b');
    assert.equal(request.impersonation, undefined);
  });

  it('names an impersonated mailbox in the header, escaping it as XML', () => {
    const mailbox = 'o<brien&co@contoso.example';
    const request = read(
      buildGetFolderEnvelope({version: 'Exchange2013_SP1', accessMode: 'impersonation', mailbox}),
    );
    const sid = childOf(request.impersonation, ewsTypesNs, 'ConnectingSID');
    assert.equal(childOf(sid, ewsTypesNs, 'PrimarySmtpAddress')?.text, mailbox);
    assert.equal(request.folderId?.children.length, 0);
  });
});
