import packageJson from '../../../package.json' with {type: 'json'};

/** Sent on every Mimecast request so the traffic can be told apart in proxy and audit logs. */
export const userAgent = `mse-bind/${packageJson.version}`;
