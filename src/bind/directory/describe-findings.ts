import type {ServerKind} from './root-dse.js';
import type {MailUserCount} from './search-proof.js';
import type {DirectoryTimeLimits} from './time-limits.js';

/**
 * The step panel's fact line: users found, base DN, server (and version). The count comes
 * first because an 80-column panel cuts the line short. ASCII only, with ' - ' between the
 * parts: Windows consoles may not draw a middle dot or an ellipsis, and a DN holds commas.
 */
export function describeFindings(
  server: ServerKind,
  baseDn: string,
  counted: MailUserCount,
  limits: DirectoryTimeLimits,
): string {
  const product = server.version === undefined ? server.name : `${server.name} ${server.version}`;
  return `${describeCount(counted, limits)} - base ${baseDn || '(root)'} - ${product}`;
}

function describeCount(counted: MailUserCount, limits: DirectoryTimeLimits): string {
  const users = `mail-enabled user${counted.count === 1 ? '' : 's'}`;
  switch (counted.stoppedBy) {
    case undefined:
      return `${counted.count} ${users}`;
    case 'time':
      return `at least ${counted.count} ${users} (count stopped after ${seconds(limits.searchMs)})`;
    case 'sample-limit':
      return `at least ${counted.count} ${users} (the server offers no paging)`;
    default: {
      const exhaustive: never = counted.stoppedBy;
      return exhaustive;
    }
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
