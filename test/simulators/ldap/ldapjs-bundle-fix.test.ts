import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, it} from 'node:test';
import {promisify} from 'node:util';

import {build} from 'esbuild';
import ldap from 'ldapjs';

import {allowBindNameAssignment} from '../../../src/simulators/ldap/ldapjs-bundle-fix.js';

describe('allowBindNameAssignment', () => {
  it('lets strict code assign a bind request name, keeping the name it had', () => {
    allowBindNameAssignment();
    const BindRequest = ldap.BindRequest as unknown as new (options: object) => {name: unknown};
    const request = new BindRequest({name: 'cn=svc-mse,dc=contoso,dc=example'});
    // This module is ESM, hence strict: without the fix this line throws a TypeError.
    request.name = 'replaced';
    assert.equal(request.name, 'cn=svc-mse,dc=contoso,dc=example');
  });

  it('keeps the simulator answering binds and pages inside an esbuild ESM bundle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mse-bind-ldap-bundle-'));
    try {
      const source = (path: string): string => JSON.stringify(resolve(path));
      await writeFile(
        join(dir, 'entry.ts'),
        `import {Client} from 'ldapts';
import {startLdapSimulator} from ${source('src/simulators/ldap/server.ts')};
import {demoFixture} from ${source('src/simulators/demo-fixture.ts')};
const simulator = await startLdapSimulator({paging: true});
const client = new Client({url: simulator.url, timeout: 2000});
try {
  await client.bind(demoFixture.directory.bindName, demoFixture.directory.password);
  let pages = 0;
  const search = {filter: '(mail=*)', paged: {pageSize: 1}};
  for await (const page of client.searchPaginated(demoFixture.directory.baseDn, search)) {
    pages += page.searchEntries.length;
  }
  console.log('bound', pages);
} finally {
  await client.unbind();
  await simulator.close();
}
`,
      );
      await build({
        entryPoints: [join(dir, 'entry.ts')],
        outfile: join(dir, 'out.mjs'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        nodePaths: [resolve('node_modules')],
        banner: {
          js:
            "import {createRequire} from 'node:module'; " +
            'const require = createRequire(import.meta.url);',
        },
        logLevel: 'silent',
      });
      const {stdout} = await promisify(execFile)(process.execPath, [join(dir, 'out.mjs')]);
      // Bound, and paged through the three users one by one (the paged results control).
      assert.equal(stdout.trim(), 'bound 3');
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });
});
