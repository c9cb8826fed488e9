import {XMLParser, XMLValidator} from 'fast-xml-parser';

/** What a POX Autodiscover answer says. */
export type PoxAnswer =
  /** `Action` settings: the EWS URL, internal (EXCH) preferred, or null when none is listed. */
  | {readonly kind: 'settings'; readonly ewsUrl: string | null}
  /** Start again with another address (`redirectAddr`). */
  | {readonly kind: 'redirect-address'; readonly address: string}
  /** Post the same request to another URL (`redirectUrl`). */
  | {readonly kind: 'redirect-url'; readonly url: string}
  /** `Response/Error`: 500 address not found, 600 invalid request, 603 internal error, … */
  | {readonly kind: 'error'; readonly code: string; readonly message: string}
  | {readonly kind: 'not-autodiscover'};

type XmlNode = Record<string, unknown>;

// Prefixes are dropped: the request and response schemas use default namespaces, and the local
// names read here are unique within an Autodiscover answer.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'Protocol',
});

// mse-bind runs on a server inside the organisation: the internal URL is the one to use.
const protocolPreference = ['EXCH', 'EXPR', 'WEB'];

export function parsePoxResponse(xml: string): PoxAnswer {
  if (xml.trim() === '' || XMLValidator.validate(xml) !== true) return {kind: 'not-autodiscover'};
  const response = child(child(parser.parse(xml) as XmlNode, 'Autodiscover'), 'Response');
  if (response === undefined) return {kind: 'not-autodiscover'};

  const error = child(response, 'Error');
  if (error !== undefined) {
    return {
      kind: 'error',
      code: text(error, 'ErrorCode') ?? '',
      message: text(error, 'Message') ?? '',
    };
  }

  const account = child(response, 'Account');
  switch (text(account, 'Action')?.toLowerCase()) {
    case 'redirectaddr': {
      const address = text(account, 'RedirectAddr');
      return address ? {kind: 'redirect-address', address} : {kind: 'not-autodiscover'};
    }
    case 'redirecturl': {
      const url = text(account, 'RedirectUrl');
      return url ? {kind: 'redirect-url', url} : {kind: 'not-autodiscover'};
    }
    case 'settings':
      return {kind: 'settings', ewsUrl: ewsUrlOf(account)};
    default:
      return {kind: 'not-autodiscover'};
  }
}

function ewsUrlOf(account: XmlNode | undefined): string | null {
  const protocols = (account?.Protocol ?? []) as XmlNode[];
  for (const type of protocolPreference) {
    const protocol = protocols.find((candidate) => text(candidate, 'Type') === type);
    const url = text(protocol, 'EwsUrl') ?? text(protocol, 'ASUrl');
    if (url) return url;
  }
  return null;
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  return typeof value === 'object' && value !== null ? (value as XmlNode) : undefined;
}

function text(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  return typeof value === 'string' ? value.trim() : undefined;
}
