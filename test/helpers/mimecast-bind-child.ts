/**
 * Steps 1 and 2 of a bind in a process of their own, for what Node reads only at start-up
 * (NODE_EXTRA_CA_CERTS). The discovery URL is the first argument; the proxy variables come
 * from the environment, and the site has no CA file and no proxy setting. Prints one JSON
 * line: {ok: true}, or the failure's class and message.
 */
import {networkEnvironment} from '../../src/bind/http/index.js';
import {bindMimecastSteps} from './mimecast-steps.js';

const result = await bindMimecastSteps(process.argv[2] ?? '', {
  network: {caFile: '', proxyUrl: ''},
  env: networkEnvironment(process.env),
});
process.stdout.write(
  `${JSON.stringify(
    result.ok
      ? {ok: true}
      : {ok: false, errorClass: result.error.errorClass, message: result.error.message},
  )}\n`,
);
