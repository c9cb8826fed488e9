import {BindError} from '../../errors.js';
import type {AutodiscoverTarget} from './address.js';

/** What the walk has learnt so far, for the failure that ends it. */
export type Findings = {
  /** `host: what happened`, one entry per attempt, in order. */
  readonly tried: string[];
  /** Addresses an Autodiscover server said it does not know (error 500), lower-cased. */
  readonly unknown: Set<string>;
};

/**
 * `host: reason` entries with each host once, in the order first tried: the https and the
 * http candidate share a host, and the same failure twice says nothing new.
 */
export function summariseTried(tried: readonly string[]): string {
  const byHost = new Map<string, string[]>();
  for (const entry of tried) {
    const split = entry.indexOf(': ');
    const host = split < 0 ? entry : entry.slice(0, split);
    const reason = split < 0 ? '' : entry.slice(split + 2);
    const reasons = byHost.get(host) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    byHost.set(host, reasons);
  }
  return [...byHost]
    .map(([host, reasons]) => {
      const said = reasons.filter((reason) => reason !== '');
      return said.length === 0 ? host : `${host}: ${said.join(', then ')}`;
    })
    .join('; ');
}

/**
 * The failure that ends a walk without an EWS URL. A server that answered and did not know the
 * address points at the address first: a typo there is likelier than a missing Autodiscover,
 * and an EWS URL would only move the same failure to the probe.
 */
export function nothingFound(target: AutodiscoverTarget, findings: Findings): BindError {
  const {address, setting} = target;
  const message =
    `Autodiscover found no EWS URL for ${address}. Tried: ` +
    `${summariseTried(findings.tried) || 'nothing'}.`;
  const enterUrl = 'enter the EWS URL (https://<mail server>/EWS/Exchange.asmx)';

  if (findings.unknown.has(address.toLowerCase())) {
    const fix =
      setting === 'mailbox'
        ? `Check the mailbox address ${address}: its spelling, and that it is the primary ` +
          `SMTP address of an existing mailbox. If it is right, ${enterUrl}.`
        : `Check the service account ${address}: its spelling, and that it has a mailbox ` +
          `with that primary SMTP address, or enter a mailbox to probe. If it is right, ` +
          `${enterUrl}.`;
    return new BindError('not-found', message, fix, {setting});
  }
  const [redirected] = findings.unknown;
  if (redirected !== undefined) {
    return new BindError(
      'not-found',
      message,
      `Check that the mailbox ${redirected}, to which Autodiscover redirected ${address}, ` +
        `exists, or ${enterUrl}.`,
      {setting: 'ewsUrl'},
    );
  }
  return new BindError(
    'not-found',
    message,
    'Enter the EWS URL (https://<mail server>/EWS/Exchange.asmx), or publish Autodiscover ' +
      'for the domain (autodiscover.<domain> in DNS).',
    {setting: 'ewsUrl'},
  );
}
