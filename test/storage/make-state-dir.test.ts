import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';

import {BindError} from '../../src/bind/errors.js';
import {makeStateDir} from '../../src/storage/make-state-dir.js';

/** Creating the state directory: every path either gives a directory or a storage error. */

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mse-bind-make-dir-'));
});
after(() => rm(root, {recursive: true, force: true}));

function refusal(message: RegExp, fix: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof BindError, String(error));
    assert.equal(error.errorClass, 'storage');
    assert.match(error.message, message);
    assert.match(error.fix, fix);
    return true;
  };
}

describe('makeStateDir', () => {
  it('creates the directory and its missing parents privately, and keeps an existing one', async () => {
    const dir = join(root, 'a', 'b', 'state');
    await makeStateDir(dir);
    for (const path of [join(root, 'a'), join(root, 'a', 'b'), dir]) {
      assert.equal((await stat(path)).mode & 0o777, 0o700, path);
    }
    await writeFile(join(dir, 'kept'), '');
    await makeStateDir(dir);
    await stat(join(dir, 'kept'));
  });

  it('follows a link to a directory', async () => {
    await mkdir(join(root, 'real'));
    await symlink(join(root, 'real'), join(root, 'link'));
    await makeStateDir(join(root, 'link', 'state'));
    assert.ok((await stat(join(root, 'real', 'state'))).isDirectory());
  });

  it(
    'ends with an error naming the parent that cannot hold a directory (/proc)',
    {skip: !existsSync('/proc/self') && 'needs a /proc file system', timeout: 10_000},
    async () => {
      await assert.rejects(
        makeStateDir('/proc/mse-bind-state/site'),
        refusal(
          /^Could not create the state directory \/proc\/mse-bind-state\/site: \/proc cannot hold a new directory\.$/,
          /on a volume that holds files/,
        ),
      );
    },
  );

  it('names a parent that is a link to nothing, and creates nothing at its target', async () => {
    const missing = join(root, 'unmounted');
    await symlink(missing, join(root, 'dangling'));
    const dir = join(root, 'dangling', 'state');
    await assert.rejects(
      makeStateDir(dir),
      refusal(
        new RegExp(`${join(root, 'dangling')} is a symbolic link to ${missing}, which does not`),
        new RegExp(`^Create ${missing} \\(or mount the volume it is on\\)`),
      ),
    );
    assert.equal(existsSync(missing), false);

    await assert.rejects(
      makeStateDir(join(root, 'dangling')),
      refusal(/dangling is a symbolic link to/, /^Create /),
    );
  });

  it('names the part of the path that is a file', async () => {
    const file = join(root, 'file');
    await writeFile(file, '');
    await assert.rejects(
      makeStateDir(join(file, 'a', 'state')),
      refusal(new RegExp(`: ${file} is a file, not a directory\\.$`), /move the file away/),
    );
    await assert.rejects(
      makeStateDir(file),
      refusal(new RegExp(`${file}: ${file} is a file, not a directory\\.$`), /move the file away/),
    );
  });
});
