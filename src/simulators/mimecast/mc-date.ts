const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const rfc1123 = new RegExp(
  '^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{1,2}) ([A-Z][a-z]{2}) (\\d{4}) ' +
    '(\\d{2}):(\\d{2}):(\\d{2}) (?:UTC|GMT)$',
);

/**
 * Reads an `x-mc-date` value. The documented suffix is `UTC`; `GMT` (what .NET's "R" format
 * and HTTP dates use) is accepted too, as clients send both [I]. Returns null when unreadable.
 */
export function parseMcDate(text: string | undefined): Date | null {
  const match = rfc1123.exec(text?.trim() ?? '');
  if (!match) return null;
  const [, day, month, year, hour, minute, second] = match;
  const monthIndex = months.indexOf(month ?? '');
  if (monthIndex < 0) return null;
  const time = Date.UTC(
    Number(year),
    monthIndex,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  return Number.isNaN(time) ? null : new Date(time);
}
