function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * True when NO_PROXY says to reach this URL directly: `*`, an exact host or address, or a
 * domain (`example.com`, `.example.com` and `*.example.com` all cover its subdomains), each
 * optionally with `:port`.
 *
 * Limitation: CIDR ranges (10.0.0.0/8) in NO_PROXY are not matched.
 */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = defaultPort(url);
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.toLowerCase());
      if (!match) return false;
      const [, name = '', entryPort] = match;
      if (entryPort !== undefined && entryPort !== port) return false;
      const domain = name.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
      return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
    });
}
