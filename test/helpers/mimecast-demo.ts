import type {RegisterBindingArgs} from '../../src/bind/mimecast/index.js';
import type {MimecastSimulator} from '../../src/simulators/mimecast/index.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';

export const demoMimecast = demoFixture.mimecast;

/** The secrets of the demo account: none of them may show in an error. */
export const demoMimecastSecrets = [demoMimecast.admin.password, demoMimecast.appKey];

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
    ...overrides,
  };
}
