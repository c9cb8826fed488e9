import {ewsMessagesNs, ewsTypesNs, soapEnvelopeNs} from '../../bind/exchange/ews-namespaces.js';
import {childOf, parseNamespacedXml, type XmlElement} from './namespaced-xml.js';

/** What the simulator needs from a GetFolder request. */
export type GetFolderRequest = {
  /** RequestServerVersion's Version, or null when the header is absent. */
  readonly schemaVersion: string | null;
  /** The mailbox named in the ExchangeImpersonation header, if any. */
  readonly impersonate: string | null;
  /** The mailbox named inside DistinguishedFolderId (delegate access), if any. */
  readonly mailbox: string | null;
  readonly folder: string;
};

export type ReadRequest =
  | {readonly kind: 'get-folder'; readonly request: GetFolderRequest}
  /** Well-formed SOAP, but an operation the simulator does not serve. */
  | {readonly kind: 'other-operation'; readonly operation: string}
  /** What real EWS answers with ErrorSchemaValidation. */
  | {readonly kind: 'invalid'; readonly reason: string};

/** Reads a SOAP request by namespace, rejecting what EWS's schema validation would reject. */
export function readGetFolderRequest(xml: string): ReadRequest {
  const envelope = parseNamespacedXml(xml);
  if (envelope === null) return invalid('the request is not well-formed XML');
  if (envelope.name !== `{${soapEnvelopeNs}}Envelope`) return invalid('no SOAP 1.1 Envelope');

  const body = childOf(envelope, soapEnvelopeNs, 'Body');
  const operation = body?.children[0];
  if (operation === undefined) return invalid('the SOAP Body is empty');
  if (operation.name !== `{${ewsMessagesNs}}GetFolder`) {
    return {kind: 'other-operation', operation: operation.name};
  }

  const header = childOf(envelope, soapEnvelopeNs, 'Header');
  const version = childOf(header, ewsTypesNs, 'RequestServerVersion');
  if (version !== undefined && version.attributes.Version === undefined) {
    return invalid('RequestServerVersion has no Version attribute');
  }

  const shape = childOf(childOf(operation, ewsMessagesNs, 'FolderShape'), ewsTypesNs, 'BaseShape');
  if (shape === undefined) return invalid('GetFolder has no FolderShape/BaseShape');
  const folderId = childOf(
    childOf(operation, ewsMessagesNs, 'FolderIds'),
    ewsTypesNs,
    'DistinguishedFolderId',
  );
  const folder = folderId?.attributes.Id;
  if (folder === undefined) return invalid('GetFolder has no DistinguishedFolderId with an Id');

  const impersonation = childOf(header, ewsTypesNs, 'ExchangeImpersonation');
  const impersonate = impersonatedAddress(impersonation);
  if (impersonation !== undefined && impersonate === null) {
    return invalid('ExchangeImpersonation names no user in ConnectingSID');
  }

  const mailbox = childOf(childOf(folderId, ewsTypesNs, 'Mailbox'), ewsTypesNs, 'EmailAddress');
  return {
    kind: 'get-folder',
    request: {
      schemaVersion: version?.attributes.Version ?? null,
      impersonate,
      mailbox: mailbox === undefined ? null : mailbox.text,
      folder,
    },
  };
}

// ConnectingSID names the user by exactly one of these.
const connectingSidChildren = ['PrimarySmtpAddress', 'SmtpAddress', 'PrincipalName'];

function impersonatedAddress(impersonation: XmlElement | undefined): string | null {
  const sid = childOf(impersonation, ewsTypesNs, 'ConnectingSID');
  for (const name of connectingSidChildren) {
    const element = childOf(sid, ewsTypesNs, name);
    if (element !== undefined) return element.text;
  }
  return null;
}

function invalid(reason: string): ReadRequest {
  return {kind: 'invalid', reason};
}
