import {demoFixture} from '../demo-fixture.js';
import type {TreeEntry} from './directory-tree.js';
import {pagedResultsOid} from './paging.js';

/** Which kind of server the simulator presents itself as. */
export type SimulatorFlavor = 'generic' | 'domino';

/**
 * The rootDSE the simulator shows anyone. Generic: the demo base DN as its naming context, and
 * a vendorName of its own. Domino: dominoMajMinVersion and no naming context, so a client that
 * is given no base DN searches from the root.
 * Inferred: Domino's rootDSE is modelled on the attributes it is documented to add
 * (dominoMajMinVersion, packed as mmnnq: 12002 for 12.0.2); whether it lists namingContexts
 * is not known, and it is left out here to exercise the case where it does not.
 */
export function rootDseEntry(flavor: SimulatorFlavor, paging: boolean): TreeEntry {
  const controls: Record<string, string> = paging ? {supportedControl: pagedResultsOid} : {};
  if (flavor === 'domino') {
    return {
      dn: '',
      attributes: {
        objectClass: ['top'],
        supportedLDAPVersion: '3',
        dominoMajMinVersion: '12002',
        ...controls,
      },
    };
  }
  return {
    dn: '',
    attributes: {
      objectClass: ['top', 'extensibleObject'],
      namingContexts: demoFixture.directory.baseDn,
      supportedLDAPVersion: '3',
      vendorName: 'mse-bind LDAP simulator',
      vendorVersion: '1',
      ...controls,
    },
  };
}
