import * as net from 'node:net';

/** DNS labels (letters of any script, digits, hyphens; underscores as Windows names have them). */
const hostName =
  /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?(?:\.[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?)*\.?$/u;

/**
 * Why a directory server as typed (already trimmed) cannot be used, or null: it must be a host
 * name or an IP address alone, since the URL is built from it with the port and TLS mode set
 * apart. Anything else (`host:389`, `ldap://host`, `host/x`) would otherwise reach ldapts as a
 * URL it refuses or, worse, parses to another port.
 */
export function directoryHostProblem(host: string): string | null {
  if (host === '' || net.isIP(host) !== 0 || hostName.test(host)) return null;
  if (/^[a-z][\w+.-]*:\/\//i.test(host)) {
    return 'Directory server takes the host name alone, without ldap:// or ldaps://: the TLS mode chooses that.';
  }
  if (/^[^:]+:\d+$/.test(host) || /^\[[^\]]+\]:\d+$/.test(host)) {
    return 'Directory server takes the host name alone: the port goes in Directory port.';
  }
  return 'Directory server must be a host name such as dc1.example.com, or an IP address.';
}
