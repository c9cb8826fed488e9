import {XMLBuilder} from 'fast-xml-parser';

import type {ExchangeAccessMode} from '../settings.js';
import {
  ewsMessagesNs,
  ewsTypesNs,
  soapEnvelopeNs,
  type EwsSchemaVersion,
} from './ews-namespaces.js';

export type GetFolderProbe = {
  readonly version: EwsSchemaVersion;
  readonly accessMode: ExchangeAccessMode;
  /** The probed mailbox; ignored for the service account's own mailbox. */
  readonly mailbox: string;
};

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
});

/**
 * The smallest request that proves login and mailbox read: GetFolder on the message folder root
 * with IdOnly. Delegate access names the mailbox inside the folder id; impersonation names it in
 * the ExchangeImpersonation header; the own mailbox needs neither.
 */
export function buildGetFolderEnvelope(probe: GetFolderProbe): string {
  const header: Record<string, unknown> = {
    't:RequestServerVersion': {'@_Version': probe.version},
  };
  if (probe.accessMode === 'impersonation') {
    header['t:ExchangeImpersonation'] = {
      't:ConnectingSID': {'t:PrimarySmtpAddress': probe.mailbox},
    };
  }

  const folderId: Record<string, unknown> = {'@_Id': 'msgfolderroot'};
  if (probe.accessMode === 'delegate') {
    folderId['t:Mailbox'] = {'t:EmailAddress': probe.mailbox};
  }

  return builder.build({
    '?xml': {'@_version': '1.0', '@_encoding': 'utf-8'},
    'soap:Envelope': {
      '@_xmlns:soap': soapEnvelopeNs,
      '@_xmlns:t': ewsTypesNs,
      '@_xmlns:m': ewsMessagesNs,
      'soap:Header': header,
      'soap:Body': {
        'm:GetFolder': {
          'm:FolderShape': {'t:BaseShape': 'IdOnly'},
          'm:FolderIds': {'t:DistinguishedFolderId': folderId},
        },
      },
    },
  }) as string;
}
