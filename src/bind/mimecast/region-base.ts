import {parseApiBase} from './api-base.js';

/** The regional base URL as stored in a binding or returned by findAccount, checked again. */
export function parseRegionApi(regionApi: string): string {
  return parseApiBase(regionApi, {
    errorClass: 'input',
    label: 'The regional API address',
    fix: 'Bind the site again so that discovery finds the regional host.',
  });
}
