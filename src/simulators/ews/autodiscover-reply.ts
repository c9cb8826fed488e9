import {XMLBuilder} from 'fast-xml-parser';

import {
  poxAutodiscoverNs,
  poxRequestNs,
  poxResponseSchema,
} from '../../bind/exchange/autodiscover/pox-namespaces.js';
import {mailboxExists, sameAddress, type EwsOrganisation} from './accounts.js';
import {childOf, parseNamespacedXml} from './namespaced-xml.js';
import type {Reply} from './replies.js';

/** What the simulated Autodiscover answers; tests switch it to exercise redirects. */
export type AutodiscoverBehaviour =
  | {readonly kind: 'settings'}
  | {readonly kind: 'redirect-url'; readonly url: string}
  | {readonly kind: 'redirect-address'; readonly address: string}
  /**
   * redirectAddr per address asked about, as an organisation answers for users whose mailbox
   * lives elsewhere; an address not listed gets its settings.
   */
  | {readonly kind: 'redirect-addresses'; readonly next: Readonly<Record<string, string>>}
  | {readonly kind: 'moved'; readonly location: string};

const builder = new XMLBuilder({ignoreAttributes: false, attributeNamePrefix: '@_'});

/**
 * POX Autodiscover for a signed-in caller: the EWS URL (internal and external) for a known
 * mailbox, error 500 for an unknown one, 600 for a request it cannot read.
 */
export function answerAutodiscover(
  body: string,
  behaviour: AutodiscoverBehaviour,
  organisation: EwsOrganisation,
  ewsUrl: string,
): Reply {
  if (behaviour.kind === 'moved') {
    return {status: 302, headers: {location: behaviour.location}, body: ''};
  }
  const address = requestedAddress(body);
  if (address === null) return poxError('600', 'Invalid Request');
  if (behaviour.kind === 'redirect-url') {
    return pox({Action: 'redirectUrl', RedirectUrl: behaviour.url});
  }
  if (behaviour.kind === 'redirect-address') {
    return pox({Action: 'redirectAddr', RedirectAddr: behaviour.address});
  }
  if (behaviour.kind === 'redirect-addresses') {
    const next = Object.entries(behaviour.next).find(([from]) => sameAddress(from, address));
    if (next !== undefined) return pox({Action: 'redirectAddr', RedirectAddr: next[1]});
  }
  if (!mailboxExists(organisation, address)) {
    return poxError('500', "The email address can't be found.");
  }
  return pox({
    AccountType: 'email',
    Action: 'settings',
    Protocol: [
      {Type: 'EXCH', ASUrl: ewsUrl, EwsUrl: ewsUrl},
      {Type: 'EXPR', ASUrl: ewsUrl, EwsUrl: ewsUrl},
    ],
  });
}

function requestedAddress(body: string): string | null {
  const root = parseNamespacedXml(body);
  if (root?.name !== `{${poxRequestNs}}Autodiscover`) return null;
  const address = childOf(childOf(root, poxRequestNs, 'Request'), poxRequestNs, 'EMailAddress');
  return address === undefined || address.text.trim() === '' ? null : address.text.trim();
}

function pox(account: Record<string, unknown>): Reply {
  return xml({Response: {'@_xmlns': poxResponseSchema, Account: account}});
}

function poxError(code: string, message: string): Reply {
  return xml({
    Response: {
      Error: {
        '@_Time': new Date().toISOString().slice(11, 19),
        '@_Id': '2477272013',
        ErrorCode: code,
        Message: message,
        DebugData: '',
      },
    },
  });
}

function xml(content: Record<string, unknown>): Reply {
  const body = builder.build({
    '?xml': {'@_version': '1.0', '@_encoding': 'utf-8'},
    Autodiscover: {'@_xmlns': poxAutodiscoverNs, ...content},
  }) as string;
  return {status: 200, headers: {'content-type': 'text/xml; charset=utf-8'}, body};
}
