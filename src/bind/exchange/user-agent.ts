/**
 * Sent with every EWS request. Administrators can allow or block EWS clients by user-agent
 * prefix, so it stays fixed across versions.
 */
export const ewsUserAgent = 'mse-bind (Mimecast Synchronization Engine site bind)';
