import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {parseEwsReply} from '../../../src/bind/exchange/soap-response.js';

const envelope = (header: string, body: string): string =>
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
  `${header}<s:Body>${body}</s:Body></s:Envelope>`;

const versionHeader =
  '<s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="2" MajorBuildNumber="1544" ' +
  'MinorBuildNumber="4" Version="V2017_07_11" ' +
  'xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>';

const responseMessage = (responseClass: string, inner: string): string =>
  `<m:GetFolderResponseMessage ResponseClass="${responseClass}">${inner}` +
  '</m:GetFolderResponseMessage>';

const folder = (id: string): string =>
  `<m:Folders><t:Folder><t:FolderId Id="${id}" ChangeKey="AQAA"/></t:Folder></m:Folders>`;

const messages = (inner: string): string =>
  '<m:GetFolderResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>' +
  `${inner}</m:ResponseMessages></m:GetFolderResponse>`;

describe('parseEwsReply', () => {
  it('reads a success with its folder id and server build', () => {
    const xml = envelope(
      versionHeader,
      messages(
        responseMessage('Success', `<m:ResponseCode>NoError</m:ResponseCode>${folder('AAMkAGI')}`),
      ),
    );
    assert.deepEqual(parseEwsReply(xml), {
      kind: 'success',
      folderId: 'AAMkAGI',
      serverVersion: {major: 15, minor: 2, majorBuild: 1544, minorBuild: 4},
    });
  });

  it('reads a per-message error', () => {
    const xml = envelope(
      versionHeader,
      messages(
        responseMessage(
          'Error',
          '<m:MessageText>The SMTP address has no mailbox associated with it.</m:MessageText>' +
            '<m:ResponseCode>ErrorNonExistentMailbox</m:ResponseCode>' +
            '<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>',
        ),
      ),
    );
    assert.deepEqual(parseEwsReply(xml), {
      kind: 'message-error',
      responseCode: 'ErrorNonExistentMailbox',
      text: 'The SMTP address has no mailbox associated with it.',
    });
  });

  it('reads a SOAP Fault as Exchange shapes it, preferring the detail ResponseCode', () => {
    const xml = envelope(
      '',
      '<s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">' +
        'a:ErrorImpersonateUserDenied</faultcode><faultstring xml:lang="en-US">The account does ' +
        'not have permission to impersonate the requested user.</faultstring><detail>' +
        '<e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">' +
        'ErrorImpersonateUserDenied</e:ResponseCode></detail></s:Fault>',
    );
    assert.deepEqual(parseEwsReply(xml), {
      kind: 'fault',
      responseCode: 'ErrorImpersonateUserDenied',
      text: 'The account does not have permission to impersonate the requested user.',
    });
  });

  it('falls back to the faultcode without its prefix', () => {
    const xml = envelope(
      '',
      '<s:Fault><faultcode xmlns:a="urn:x">a:ErrorServerBusy</faultcode>' +
        '<faultstring>Busy.</faultstring></s:Fault>',
    );
    assert.deepEqual(parseEwsReply(xml), {
      kind: 'fault',
      responseCode: 'ErrorServerBusy',
      text: 'Busy.',
    });
  });

  it('reports a missing ServerVersionInfo as null', () => {
    const xml = envelope(
      '',
      messages(
        responseMessage('Success', `<m:ResponseCode>NoError</m:ResponseCode>${folder('X')}`),
      ),
    );
    const reply = parseEwsReply(xml);
    assert.equal(reply.kind === 'success' ? reply.serverVersion : 'not a success', null);
  });

  it('says not-soap for HTML, empty bodies and unrelated XML', () => {
    assert.deepEqual(parseEwsReply('<html><body><p>Sign in<br></p></body></html>'), {
      kind: 'not-soap',
    });
    assert.deepEqual(parseEwsReply(''), {kind: 'not-soap'});
    assert.deepEqual(parseEwsReply('<rss><channel/></rss>'), {kind: 'not-soap'});
    assert.deepEqual(parseEwsReply(envelope('', '<m:Other xmlns:m="urn:x"/>')), {kind: 'not-soap'});
  });
});
