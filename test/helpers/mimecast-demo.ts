import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {noNetworkEnvironment, type NetworkEnvironment} from '../../src/bind/http/index.js';
import type {RegisterBindingArgs} from '../../src/bind/mimecast/index.js';
import type {NetworkSettings} from '../../src/bind/settings.js';
import type {MimecastSimulator} from '../../src/simulators/mimecast/index.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';

export const demoMimecast = demoFixture.mimecast;

/** The secrets of the demo account: none of them may show in an error. */
export const demoMimecastSecrets = [demoMimecast.admin.password, demoMimecast.appKey];

const caFiles = new Map<string, string>();

/**
 * A CA file holding the given CA certificate, written once per process and removed when it
 * exits: what an administrator puts in the CA file setting.
 */
export function caFileOf(caCertificate: string): string {
  let path = caFiles.get(caCertificate);
  if (path === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'mse-bind-test-ca-'));
    path = join(dir, 'ca.pem');
    writeFileSync(path, caCertificate);
    caFiles.set(caCertificate, path);
    process.once('exit', () => rmSync(dir, {recursive: true, force: true}));
  }
  return path;
}

/**
 * How a test reaches a simulator: the simulator's CA as the CA file setting (the only way the
 * product trusts it), and an environment without proxy variables, so a developer's
 * HTTPS_PROXY cannot change what a test exercises.
 */
export function trustSimulator(
  simulator: Pick<MimecastSimulator, 'caCertificate'>,
  network: Partial<NetworkSettings> = {},
): {network: NetworkSettings; networkEnv: NetworkEnvironment} {
  return {
    network: {caFile: caFileOf(simulator.caCertificate), proxyUrl: '', ...network},
    networkEnv: noNetworkEnvironment,
  };
}

/** registerBinding arguments for the demo administrator against a running simulator. */
export function demoBindArgs(
  simulator: MimecastSimulator,
  overrides: Partial<RegisterBindingArgs> = {},
): RegisterBindingArgs {
  return {
    regionApi: simulator.regionApi,
    appId: demoMimecast.appId,
    appKey: demoMimecast.appKey,
    email: demoMimecast.admin.email,
    password: demoMimecast.admin.password,
    realm: 'Basic-Cloud',
    signal: new AbortController().signal,
    ...trustSimulator(simulator),
    ...overrides,
  };
}
