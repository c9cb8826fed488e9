/**
 * POX Autodiscover namespaces. Microsoft's current pages print them with `https://`; Exchange
 * and every working client use `http://`, which is what servers match.
 */
export const poxRequestNs =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
export const poxResponseSchema =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
export const poxAutodiscoverNs =
  'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
