import {XMLBuilder} from 'fast-xml-parser';

import {poxRequestNs, poxResponseSchema} from './pox-namespaces.js';

const builder = new XMLBuilder({ignoreAttributes: false, attributeNamePrefix: '@_'});

/** The POX Autodiscover request for one mailbox address. */
export function buildPoxRequest(emailAddress: string): string {
  return builder.build({
    '?xml': {'@_version': '1.0', '@_encoding': 'utf-8'},
    Autodiscover: {
      '@_xmlns': poxRequestNs,
      Request: {
        EMailAddress: emailAddress,
        AcceptableResponseSchema: poxResponseSchema,
      },
    },
  }) as string;
}
