/** Redirects followed in one discovery, as exchangelib and Outlook bound them. */
export const maxAutodiscoverRedirects = 10;

/** The walk's memory: every URL and address already asked, and the redirects taken. */
export type RedirectState = {
  readonly seen: Set<string>;
  redirects: number;
};

export type RedirectCheck =
  {readonly ok: true; readonly url: URL} | {readonly ok: false; readonly reason: string};

export function newRedirectState(): RedirectState {
  return {seen: new Set(), redirects: 0};
}

/**
 * A redirect (HTTP 301/302, or an Autodiscover `redirectUrl`) is followed only to https, only
 * to a URL not asked before, and only up to the bound: a redirect to http would send the
 * credentials in the clear, and a loop would never end.
 */
export function checkRedirect(from: URL, location: string, state: RedirectState): RedirectCheck {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return {ok: false, reason: 'redirect to an invalid URL'};
  }
  if (url.protocol !== 'https:')
    return {ok: false, reason: `redirect to ${url.protocol}// refused`};
  if (url.username !== '' || url.password !== '') {
    return {ok: false, reason: 'redirect to a URL with credentials refused'};
  }
  if (state.seen.has(url.href)) return {ok: false, reason: 'redirect loop'};
  if (state.redirects >= maxAutodiscoverRedirects) {
    return {ok: false, reason: `more than ${maxAutodiscoverRedirects} redirects`};
  }
  state.redirects += 1;
  return {ok: true, url};
}
