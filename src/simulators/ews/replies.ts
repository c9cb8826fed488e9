import {XMLBuilder} from 'fast-xml-parser';

import {
  ewsErrorsNs,
  ewsMessagesNs,
  ewsTypesNs,
  soapEnvelopeNs,
} from '../../bind/exchange/ews-namespaces.js';
import type {ServerVersion} from '../../bind/exchange/server-version.js';

/** One HTTP answer of the simulated server. */
export type Reply = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
};

/** The build the simulator reports, and the schema label Exchange puts beside it. */
export type SimulatedServer = {
  readonly version: ServerVersion;
  readonly versionLabel: string;
};

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
});

const xmlHeaders = {'content-type': 'text/xml; charset=utf-8'};

export function getFolderSuccess(server: SimulatedServer, folderId: string): Reply {
  return soap(200, serverVersionHeader(server), {
    'm:GetFolderResponse': {
      '@_xmlns:m': ewsMessagesNs,
      '@_xmlns:t': ewsTypesNs,
      'm:ResponseMessages': {
        'm:GetFolderResponseMessage': {
          '@_ResponseClass': 'Success',
          'm:ResponseCode': 'NoError',
          'm:Folders': {
            't:Folder': {'t:FolderId': {'@_Id': folderId, '@_ChangeKey': 'AQAAABYAAAA='}},
          },
        },
      },
    },
  });
}

/** A normal 200 answer whose response message carries ResponseClass="Error". */
export function getFolderError(server: SimulatedServer, code: string, text: string): Reply {
  return soap(200, serverVersionHeader(server), {
    'm:GetFolderResponse': {
      '@_xmlns:m': ewsMessagesNs,
      '@_xmlns:t': ewsTypesNs,
      'm:ResponseMessages': {
        'm:GetFolderResponseMessage': {
          '@_ResponseClass': 'Error',
          'm:MessageText': text,
          'm:ResponseCode': code,
          'm:DescriptiveLinkKey': '0',
          'm:Folders': '',
        },
      },
    },
  });
}

/** A SOAP Fault with HTTP 500, shaped as Exchange sends them. */
export function soapFault(code: string, text: string, messageXml?: Record<string, string>): Reply {
  const values = Object.entries(messageXml ?? {}).map(([name, value]) => ({
    '@_Name': name,
    '#text': value,
  }));
  return soap(500, undefined, {
    's:Fault': {
      faultcode: {'@_xmlns:a': ewsTypesNs, '#text': `a:${code}`},
      faultstring: {'@_xml:lang': 'en-US', '#text': text},
      detail: {
        'e:ResponseCode': {'@_xmlns:e': ewsErrorsNs, '#text': code},
        'e:Message': {'@_xmlns:e': ewsErrorsNs, '#text': text},
        ...(values.length === 0
          ? {}
          : {'t:MessageXml': {'@_xmlns:t': ewsTypesNs, 't:Value': values}}),
      },
    },
  });
}

/** IIS's 401: one WWW-Authenticate line per scheme the EWS virtual directory allows. */
export function unauthorized(
  challenges: readonly string[],
  extraHeaders: Readonly<Record<string, string>> = {},
): Reply {
  return html(
    401,
    {'www-authenticate': challenges, ...extraHeaders},
    '401 - Unauthorized: Access is denied.',
  );
}

export function html(
  status: number,
  headers: Readonly<Record<string, string | readonly string[]>>,
  title: string,
): Reply {
  return {
    status,
    headers: {'content-type': 'text/html', ...headers},
    body:
      `<!DOCTYPE html><html><head><title>${title}</title></head>` +
      `<body><h1>${title}</h1></body></html>`,
  };
}

function serverVersionHeader(server: SimulatedServer): Record<string, unknown> {
  const {version} = server;
  return {
    'h:ServerVersionInfo': {
      '@_MajorVersion': String(version.major),
      '@_MinorVersion': String(version.minor),
      '@_MajorBuildNumber': String(version.majorBuild),
      '@_MinorBuildNumber': String(version.minorBuild),
      '@_Version': server.versionLabel,
      '@_xmlns:h': ewsTypesNs,
    },
  };
}

function soap(status: number, header: Record<string, unknown> | undefined, body: unknown): Reply {
  const xml = builder.build({
    '?xml': {'@_version': '1.0', '@_encoding': 'utf-8'},
    's:Envelope': {
      '@_xmlns:s': soapEnvelopeNs,
      ...(header === undefined ? {} : {'s:Header': header}),
      's:Body': body,
    },
  }) as string;
  return {status, headers: xmlHeaders, body: xml};
}
