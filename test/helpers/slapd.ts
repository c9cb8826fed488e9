/**
 * A private OpenLDAP slapd for the tests: its own CA and server certificate, its own config and
 * database in a temporary directory, listening on two free loopback ports (plain/StartTLS and
 * LDAPS). It serves the demo directory, plus one service account that may bind but may not
 * read any person entry and one whose searches stop at a size limit of 2; a base DN outside
 * its suffix is referred elsewhere. Its rootDSE may be hidden from anonymous reads, or from all.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {promisify} from 'node:util';

import {Client} from 'ldapts';

import {demoFixture} from '../../src/simulators/demo-fixture.js';

const run = promisify(execFile);

export type Slapd = {
  /** `ldap://127.0.0.1:P`: plain LDAP, StartTLS offered. */
  readonly url: string;
  readonly ldapsUrl: string;
  readonly port: number;
  readonly ldapsPort: number;
  readonly baseDn: string;
  readonly svcDn: string;
  readonly svcPassword: string;
  /**
   * A service account whose bind works but which may read no person entry: it sees ou=people,
   * and nothing below it.
   */
  readonly blindDn: string;
  /** A service account whose searches slapd stops after 2 entries (a size limit). */
  readonly limitedDn: string;
  /** Where slapd refers a base DN outside its own suffix (result 10). */
  readonly referralUrl: string;
  /** The password of every person entry and of the blind service account. */
  readonly userPassword: string;
  /** PEM file of the CA that issued the server certificate (for 127.0.0.1 and localhost). */
  readonly caFile: string;
  /** Freezes slapd (SIGSTOP): the kernel still accepts connections, nothing answers. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
};

const missingPackagesHint =
  'slapd is not installed; install the Debian packages slapd and ldap-utils ' +
  '(DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils)';

/** Where the slapd binary is, or undefined (it lives in sbin, often not on a user's PATH). */
export function findSlapd(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => join(dir, 'slapd')).find((path) => existsSync(path));
}

/**
 * The `skip` option for a suite that needs slapd: a message naming the packages when slapd is
 * missing, false when it is there. When MSE_BIND_REQUIRE_SERVICES is set (CI) a missing slapd
 * is not skipped: startSlapd() then fails with the same message.
 */
export function skipWithoutSlapd(): string | false {
  if (findSlapd() !== undefined || process.env.MSE_BIND_REQUIRE_SERVICES) return false;
  return missingPackagesHint;
}

export type SlapdOptions = {
  /**
   * Who may read the rootDSE: anyone (the default), bound users only, or nobody. slapd answers a
   * read it does not allow with no entry at all.
   */
  readonly rootDseReaders?: 'anyone' | 'users' | 'nobody';
  /** The names the server certificate holds, as openssl's subjectAltName; both by default. */
  readonly certificateNames?: string;
};

const rootDseAccess: Readonly<Record<NonNullable<SlapdOptions['rootDseReaders']>, string>> = {
  anyone: 'by * read',
  users: 'by users read by * none',
  nobody: 'by * none',
};

export async function startSlapd(options: SlapdOptions = {}): Promise<Slapd> {
  const rootDse = rootDseAccess[options.rootDseReaders ?? 'anyone'];
  const slapdPath = findSlapd();
  if (slapdPath === undefined) {
    throw new Error(`${missingPackagesHint}. MSE_BIND_REQUIRE_SERVICES is set, so this fails.`);
  }

  const dir = await mkdtemp(join(tmpdir(), 'mse-bind-slapd-'));
  try {
    await makeCertificates(dir, options.certificateNames ?? 'DNS:localhost,IP:127.0.0.1');
    // Two free ports are picked, closed, then handed to slapd: another process may take one in
    // between, so a start that dies early is retried on fresh ports.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await startOnce(slapdPath, dir, join(dir, `db-${attempt}`), rootDse);
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  } catch (error) {
    await rm(dir, {recursive: true, force: true});
    throw error;
  }
}

const baseDn = demoFixture.directory.baseDn;
const adminDn = `cn=admin,${baseDn}`;
const blindDn = `cn=svc-blind,ou=services,${baseDn}`;
const limitedDn = `cn=svc-limited,ou=services,${baseDn}`;
const referralUrl = 'ldap://dc1.other.example/';

async function startOnce(
  slapdPath: string,
  dir: string,
  dbDir: string,
  rootDseAcl: string,
): Promise<Slapd> {
  await mkdir(dbDir);
  const [port, ldapsPort] = [await freePort(), await freePort()];
  const adminPassword = randomBytes(12).toString('hex');
  const userPassword = randomBytes(12).toString('hex');
  await writeFile(join(dir, 'slapd.conf'), slapdConf(dir, dbDir, adminPassword, rootDseAcl));
  await writeFile(join(dir, 'data.ldif'), dataLdif(userPassword));
  // ldapadd reads the admin password from a file: passwords stay out of argv, as in the product.
  await writeFile(join(dir, 'admin.pw'), adminPassword, {mode: 0o600});
  await run('slaptest', ['-Q', '-u', '-f', join(dir, 'slapd.conf')], {env: sbinEnv()});

  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  // -d 0 keeps slapd in the foreground, so the child's PID is slapd's own; -h binds loopback only.
  const args = ['-d', '0', '-f', join(dir, 'slapd.conf'), '-h', `${url}/ ${ldapsUrl}/`];
  const child = spawn(slapdPath, args, {stdio: ['ignore', 'ignore', 'pipe']});
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  // Limitation: a test process killed with SIGKILL leaves slapd running (no exit handler runs);
  // its temporary directory then stays behind too.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);

  try {
    await waitUntilReady(child, url, adminPassword, () => log);
    const asAdmin = ['-x', '-H', url, '-D', adminDn, '-y', join(dir, 'admin.pw')];
    await run('ldapadd', [...asAdmin, '-f', join(dir, 'data.ldif')], {env: sbinEnv()});
  } catch (error) {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
    throw error;
  }

  return {
    url,
    ldapsUrl,
    port,
    ldapsPort,
    baseDn,
    svcDn: demoFixture.directory.bindName,
    svcPassword: demoFixture.directory.password,
    blindDn,
    limitedDn,
    referralUrl,
    userPassword,
    caFile: join(dir, 'ca.crt'),
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
      await rm(dir, {recursive: true, force: true});
    },
  };
}

/** Polls with a real bind: slapd accepts TCP before its database is open. */
async function waitUntilReady(
  child: ChildProcess,
  url: string,
  adminPassword: string,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`slapd exited during start-up: ${log().trim() || 'no output'}`);
    }
    const client = new Client({url, connectTimeout: 500, timeout: 500});
    try {
      await client.bind(adminDn, adminPassword);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`slapd did not answer at ${url}`, {cause: error});
    } finally {
      await client.unbind().catch(() => undefined);
    }
    await sleep(25);
  }
}

/** SIGTERM by PID; slapd needs a moment to close its database, then SIGKILL as a last resort. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A CA and a server certificate for the names given (P-256 keys: fast to make). */
async function makeCertificates(dir: string, names: string): Promise<void> {
  const file = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  // prettier-ignore
  await run('openssl', [
    'req', '-x509', ...ec, '-days', '2', '-subj', '/CN=mse-bind test LDAP CA',
    '-keyout', file('ca.key'), '-out', file('ca.crt'),
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  // prettier-ignore
  await run('openssl', [
    'req', ...ec, '-subj', '/CN=localhost',
    '-keyout', file('server.key'), '-out', file('server.csr'),
  ]);
  await writeFile(
    file('server.ext'),
    `subjectAltName=${names}\nextendedKeyUsage=serverAuth\n` + 'basicConstraints=CA:FALSE\n',
  );
  // prettier-ignore
  await run('openssl', [
    'x509', '-req', '-in', file('server.csr'), '-days', '2',
    '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-extfile', file('server.ext'), '-out', file('server.crt'),
  ]);
}

/** RFC 2307 {SSHA}, what slappasswd makes, computed here to spare three processes. */
function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

function slapdConf(dir: string, dbDir: string, adminPassword: string, rootDseAcl: string): string {
  const schema = '/etc/ldap/schema';
  return `include ${schema}/core.schema
include ${schema}/cosine.schema
include ${schema}/nis.schema
include ${schema}/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile ${join(dir, 'slapd.pid')}
argsfile ${join(dir, 'slapd.args')}
TLSCACertificateFile ${join(dir, 'ca.crt')}
TLSCertificateFile ${join(dir, 'server.crt')}
TLSCertificateKeyFile ${join(dir, 'server.key')}
loglevel none
referral ${referralUrl}

access to dn.base="" ${rootDseAcl}
access to dn.base="cn=Subschema" by * read

database mdb
maxsize 104857600
suffix "${baseDn}"
rootdn "${adminDn}"
rootpw ${ssha(adminPassword)}
directory ${dbDir}
limits dn.exact="${limitedDn}" size=2
index objectClass eq
index uid,mail,cn eq
access to attrs=userPassword
  by anonymous auth
  by * none
access to dn.children="ou=people,${baseDn}"
  by dn.exact="${blindDn}" none
  by users read
  by * none
access to *
  by users read
  by * none
`;
}

function dataLdif(userPassword: string): string {
  const {directory} = demoFixture;
  const entries = [
    `dn: ${baseDn}\nobjectClass: dcObject\nobjectClass: organization\n` +
      `o: ${demoFixture.siteName}\n` +
      `dc: ${baseDn.split(',')[0]?.replace('dc=', '')}`,
    `dn: ou=people,${baseDn}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=services,${baseDn}\nobjectClass: organizationalUnit\nou: services`,
    serviceAccount(directory.bindName, directory.password),
    serviceAccount(blindDn, userPassword),
    serviceAccount(limitedDn, userPassword),
    ...directory.users.map(
      (user) =>
        `dn: uid=${user.uid},ou=people,${baseDn}\nobjectClass: inetOrgPerson\nuid: ${user.uid}\n` +
        `cn: ${user.cn}\nsn: ${user.cn.split(' ').at(-1)}\nmail: ${user.mail}\n` +
        `userPassword: ${ssha(userPassword)}`,
    ),
  ];
  return `${entries.join('\n\n')}\n`;
}

function serviceAccount(dn: string, password: string): string {
  const cn = dn.split(',')[0]?.replace('cn=', '');
  return (
    `dn: ${dn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: ${cn}\n` +
    `userPassword: ${ssha(password)}`
  );
}

/** slaptest and friends live in sbin, which a non-root PATH often lacks. */
function sbinEnv(): NodeJS.ProcessEnv {
  return {...process.env, PATH: [process.env.PATH, '/usr/sbin', '/usr/local/sbin'].join(delimiter)};
}
