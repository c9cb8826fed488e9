/** XML namespaces of EWS SOAP messages, shared by the client and the loopback simulator. */
export const soapEnvelopeNs = 'http://schemas.xmlsoap.org/soap/envelope/';
export const ewsTypesNs = 'http://schemas.microsoft.com/exchange/services/2006/types';
export const ewsMessagesNs = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const ewsErrorsNs = 'http://schemas.microsoft.com/exchange/services/2006/errors';

/** The schema versions the probe asks for: the current one, then the 2010 fallback. */
export type EwsSchemaVersion = 'Exchange2013_SP1' | 'Exchange2010_SP2';
