import {XMLParser, XMLValidator} from 'fast-xml-parser';

import type {ServerVersion} from './server-version.js';

/** What one EWS answer says, read from any of its three shapes. */
export type EwsReply =
  | {
      readonly kind: 'success';
      readonly serverVersion: ServerVersion | null;
      readonly folderId: string;
    }
  /** A SOAP Fault (usually with HTTP 500): the whole request was refused. */
  | {readonly kind: 'fault'; readonly responseCode: string; readonly text: string}
  /** A normal answer whose response message has ResponseClass="Error". */
  | {readonly kind: 'message-error'; readonly responseCode: string; readonly text: string}
  /** Not XML, not a SOAP envelope, or an envelope without the expected response. */
  | {readonly kind: 'not-soap'};

type XmlNode = Record<string, unknown>;

// Namespace prefixes are dropped: servers and proxies choose their own (s:, soap:, m:, h:, e:),
// and the local names of the elements read here are unambiguous within an EWS answer.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
});

export function parseEwsReply(xml: string): EwsReply {
  if (xml.trim() === '' || XMLValidator.validate(xml) !== true) return {kind: 'not-soap'};

  const envelope = child(parser.parse(xml) as XmlNode, 'Envelope');
  const body = child(envelope, 'Body');
  if (body === undefined) return {kind: 'not-soap'};

  const fault = child(body, 'Fault');
  if (fault !== undefined) return readFault(fault);

  const message = child(
    child(child(body, 'GetFolderResponse'), 'ResponseMessages'),
    'GetFolderResponseMessage',
  );
  if (message === undefined) return {kind: 'not-soap'};

  const responseClass = attribute(message, 'ResponseClass');
  const responseCode = text(child(message, 'ResponseCode')) ?? '';
  if (responseClass === 'Error') {
    return {kind: 'message-error', responseCode, text: text(child(message, 'MessageText')) ?? ''};
  }

  const folderId = attribute(child(child(child(message, 'Folders'), 'Folder'), 'FolderId'), 'Id');
  if (folderId === undefined) return {kind: 'not-soap'};
  return {kind: 'success', serverVersion: readServerVersion(child(envelope, 'Header')), folderId};
}

function readFault(fault: XmlNode): EwsReply {
  // The detail's ResponseCode is the EWS code; faultcode carries it too, behind a prefix
  // (`a:ErrorImpersonateUserDenied`), or only a generic SOAP code (`s:Client`).
  const detailCode = text(child(child(fault, 'detail'), 'ResponseCode'));
  const faultCode = text(child(fault, 'faultcode')) ?? '';
  const responseCode = detailCode ?? faultCode.slice(faultCode.indexOf(':') + 1);
  return {kind: 'fault', responseCode, text: text(child(fault, 'faultstring')) ?? ''};
}

function readServerVersion(header: XmlNode | undefined): ServerVersion | null {
  const info = child(header, 'ServerVersionInfo');
  const parts = ['MajorVersion', 'MinorVersion', 'MajorBuildNumber', 'MinorBuildNumber'].map(
    (name) => Number.parseInt(attribute(info, name) ?? '', 10),
  );
  if (parts.some((part) => !Number.isInteger(part))) return null;
  const [major = 0, minor = 0, majorBuild = 0, minorBuild = 0] = parts;
  return {major, minor, majorBuild, minorBuild};
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof first === 'string') return {'#text': first};
  return typeof first === 'object' && first !== null ? (first as XmlNode) : undefined;
}

function text(node: XmlNode | undefined): string | undefined {
  const value = node?.['#text'];
  return typeof value === 'string' ? value : undefined;
}

function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}
