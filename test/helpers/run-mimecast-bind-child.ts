import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {ErrorClass} from '../../src/bind/errors.js';

export type MimecastBindChildOutcome =
  | {readonly ok: true}
  | {readonly ok: false; readonly errorClass: ErrorClass; readonly message: string};

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('./mimecast-bind-child.ts', import.meta.url));

/** The proxy variables a developer's shell may hold; the child sees only the test's. */
const proxyVariables = [
  'https_proxy',
  'HTTPS_PROXY',
  'http_proxy',
  'HTTP_PROXY',
  'no_proxy',
  'NO_PROXY',
  'NODE_EXTRA_CA_CERTS',
];

/**
 * Runs steps 1 and 2 of a bind (mimecast-bind-child.ts) in a fresh Node process whose
 * environment is this one's without proxy variables, plus the given ones (undefined leaves
 * one out).
 */
export function runMimecastBindChild(
  discoveryUrl: string,
  variables: Readonly<Record<string, string | undefined>>,
): Promise<MimecastBindChildOutcome> {
  const env = {...process.env};
  for (const name of proxyVariables) delete env[name];
  for (const [name, value] of Object.entries(variables)) {
    if (value !== undefined) env[name] = value;
  }
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', childScript, discoveryUrl],
      {cwd: projectRoot, env, timeout: 30_000},
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`the bind child failed: ${error.message}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout.trim()) as MimecastBindChildOutcome);
      },
    );
  });
}
