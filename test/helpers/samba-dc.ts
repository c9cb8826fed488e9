/**
 * A throw-away Samba Active Directory domain controller for the tests: provisioned into a
 * temporary directory with its own smb.conf, CA and server certificate, seeded with one user
 * per account state, and run in the foreground (`samba -i -M single`) on 127.0.0.1 only.
 *
 * Samba hard-codes its LDAP ports (389, 636, 3268, 3269), so it needs root and those ports
 * free, and only one DC can run at a time: all Samba cases live in one test file.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {promisify} from 'node:util';

import {Client} from 'ldapts';

import {sambaSeedScript} from './samba-seed.js';

const run = promisify(execFile);

/**
 * The users the seed script creates, by the state a bind with the right password meets.
 * Limitation: Samba answers an unknown user with data 52e, never 525, and a base DN outside its
 * domain with noSuchObject, never a referral; those two answers are tested against the LDAP
 * simulator and slapd instead.
 */
export const adUsers = {
  normal: 'alice',
  wrongPassword: 'bob',
  mustChangePassword: 'carol',
  disabled: 'dave',
  accountExpired: 'erin',
  lockedAfterThree: 'frank',
  passwordExpired: 'gina',
  logonHours: 'hank',
  workstation: 'ivan',
} as const;

export type SambaDc = {
  readonly baseDn: 'DC=corp,DC=example';
  readonly domain: 'CORP';
  /** The name the server certificate lists (with dc1.corp.example); 127.0.0.1 is NOT listed. */
  readonly host: 'localhost';
  readonly address: '127.0.0.1';
  readonly ldapPort: 389;
  readonly ldapsPort: 636;
  /** PEM file of the CA that issued the DC's certificate. */
  readonly caFile: string;
  readonly serviceUpn: string;
  readonly servicePassword: string;
  /** The password of every user in adUsers. */
  readonly userPassword: string;
  /** Mail-enabled users in the domain (every user in adUsers). */
  readonly mailUsers: number;
  /** The badPwdCount AD keeps for a user, read as the administrator. */
  badPasswordCount(user: string): Promise<number>;
  /** Milliseconds spent provisioning, seeding and starting. */
  readonly startupMs: number;
  stop(): Promise<void>;
};

const packages = 'samba-ad-dc samba-ad-provision faketime ldb-tools';
const ports = [389, 636, 3268, 3269] as const;
const samba = '/usr/sbin/samba';
const sambaTool = '/usr/bin/samba-tool';
const debianPython = '/usr/bin/python3';
const schemaDir = '/usr/share/samba/setup/ad-schema';

/** What is missing for a Samba DC here (packages, root), or undefined when nothing is. */
export function sambaMissing(): string | undefined {
  const tools = [samba, sambaTool, debianPython, schemaDir, '/usr/bin/faketime'];
  if (tools.some((path) => !existsSync(path))) {
    return (
      `Samba AD DC is not installed; install the Debian packages ${packages} ` +
      '(scripts/install-test-packages.sh installs everything the tests need)'
    );
  }
  if (process.getuid?.() !== 0) {
    return 'the Samba AD DC needs root: Samba listens on the fixed ports 389, 636, 3268, 3269';
  }
  return undefined;
}

/**
 * The `skip` option for the Samba suite: the reason when Samba cannot run, false when it can.
 * With MSE_BIND_REQUIRE_SERVICES set (CI) nothing is skipped: startSambaDc() fails instead.
 */
export function skipWithoutSamba(): string | false {
  if (process.env.MSE_BIND_REQUIRE_SERVICES) return false;
  return sambaMissing() ?? false;
}

export async function startSambaDc(): Promise<SambaDc> {
  const missing = sambaMissing();
  if (missing !== undefined) {
    throw new Error(`${missing}. MSE_BIND_REQUIRE_SERVICES is set, so this fails.`);
  }
  await assertPortsFree();

  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'mse-bind-samba-'));
  // The prefixes meet AD's complexity rule (upper, lower, digit, symbol).
  const secret = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;
  const passwords = {admin: secret('Adm1n!'), service: secret('Svc!1'), user: secret('Us3r!')};
  let child: ChildProcess | undefined;
  const killOnExit = (): void => void child?.kill('SIGKILL');
  try {
    await makeCertificates(dir);
    const conf = join(dir, 'etc', 'smb.conf');
    await writeFile(conf, smbConf(dir));
    await provision(dir, conf);
    await seed(dir, conf, passwords);

    // Limitation: a test process killed with SIGKILL leaves samba running (no exit handler
    // runs), holding the four ports until it is killed by hand; its directory stays too.
    process.once('exit', killOnExit);
    const spawned = spawn(samba, ['-i', '-M', 'single', '-s', conf], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: sambaEnv(),
    });
    child = spawned;
    let log = '';
    const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
    spawned.stdout?.on('data', keep);
    spawned.stderr?.on('data', keep);
    const ca = join(dir, 'tls', 'ca.pem');
    await waitUntilReady(spawned, ca, passwords.admin, () => log);

    return {
      baseDn: 'DC=corp,DC=example',
      domain: 'CORP',
      host: 'localhost',
      address: '127.0.0.1',
      ldapPort: 389,
      ldapsPort: 636,
      caFile: ca,
      serviceUpn: 'svc-mse@corp.example',
      servicePassword: passwords.service,
      userPassword: passwords.user,
      mailUsers: Object.keys(adUsers).length,
      startupMs: Math.round(performance.now() - started),
      badPasswordCount: (user) => readBadPasswordCount(ca, passwords.admin, user),
      async stop() {
        process.removeListener('exit', killOnExit);
        await stopChild(spawned);
        await rm(dir, {recursive: true, force: true});
      },
    };
  } catch (error) {
    process.removeListener('exit', killOnExit);
    if (child !== undefined) await stopChild(child);
    await rm(dir, {recursive: true, force: true});
    throw error;
  }
}

async function assertPortsFree(): Promise<void> {
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (!free) {
      throw new Error(
        `127.0.0.1:${port} is taken; the Samba AD DC needs 389, 636, 3268 and 3269 free ` +
          '(is another DC, slapd on 389, or a leftover samba from a killed run listening?)',
      );
    }
  }
}

/** Samba's tools must not pick up a Python other than Debian's through the environment. */
function sambaEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, ...extra};
  delete env.PYTHONHOME;
  delete env.PYTHONPATH;
  return env;
}

async function provision(dir: string, conf: string): Promise<void> {
  // No --adminpass: it would put a password in argv; the seed script sets it instead.
  // prettier-ignore
  const args = [
    sambaTool, 'domain', 'provision', '-s', conf, `--targetdir=${dir}`,
    '--realm=CORP.EXAMPLE', '--domain=CORP', '--server-role=dc', '--dns-backend=NONE',
    '--host-name=dc1', '--host-ip=127.0.0.1', '--use-rfc2307',
  ];
  await runLogged(debianPython, args, join(dir, 'log', 'provision.log'), sambaEnv());
}

async function seed(
  dir: string,
  conf: string,
  passwords: {admin: string; service: string; user: string},
): Promise<void> {
  const script = join(dir, 'seed.py');
  await writeFile(script, sambaSeedScript);
  const env = sambaEnv({
    SEED_ADMIN_PW: passwords.admin,
    SEED_SVC_PW: passwords.service,
    SEED_USER_PW: passwords.user,
    SEED_USERS: Object.values(adUsers).join(','),
  });
  const log = join(dir, 'log', 'seed.log');
  await runLogged(debianPython, [script, conf], log, env);
  await runLogged('faketime', ['-f', '-3d', debianPython, script, conf, 'backdate'], log, env);
}

async function runLogged(
  command: string,
  args: string[],
  logFile: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  try {
    const {stdout, stderr} = await run(command, args, {env, maxBuffer: 16 * 1024 * 1024});
    await writeFile(logFile, `${stdout}${stderr}`, {flag: 'a'});
  } catch (error) {
    const output = error as {stdout?: string; stderr?: string};
    const tail = `${output.stdout ?? ''}${output.stderr ?? ''}`.split('\n').slice(-20).join('\n');
    throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed:\n${tail}`, {cause: error});
  }
}

/** Polls with an LDAPS bind plus a rootDSE read: Samba listens before it can answer. */
async function waitUntilReady(
  child: ChildProcess,
  caFile: string,
  adminPassword: string,
  log: () => string,
): Promise<void> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`samba exited during start-up: ${log().trim() || 'no output'}`);
    }
    const client = await adminClient(caFile, 1_000);
    try {
      await client.bind('Administrator@corp.example', adminPassword);
      await client.search('', {scope: 'base', attributes: ['defaultNamingContext']});
      return;
    } catch (error) {
      if (performance.now() > deadline) {
        throw new Error(`samba did not answer on 127.0.0.1:636: ${log()}`, {cause: error});
      }
    } finally {
      await client.unbind().catch(() => undefined);
    }
    await sleep(50);
  }
}

async function adminClient(caFile: string, timeoutMs: number): Promise<Client> {
  const ca = await readFile(caFile, 'utf8');
  return new Client({
    url: 'ldaps://localhost:636',
    tlsOptions: {ca: [ca], servername: 'localhost'},
    connectTimeout: timeoutMs,
    timeout: timeoutMs,
  });
}

async function readBadPasswordCount(
  caFile: string,
  adminPassword: string,
  user: string,
): Promise<number> {
  const client = await adminClient(caFile, 5_000);
  try {
    await client.bind('Administrator@corp.example', adminPassword);
    const {searchEntries} = await client.search('DC=corp,DC=example', {
      filter: `(sAMAccountName=${user})`,
      attributes: ['badPwdCount'],
    });
    return Number(searchEntries[0]?.badPwdCount ?? Number.NaN);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** SIGTERM by PID; samba needs a moment to stop its tasks, then SIGKILL as a last resort. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * A CA, and a certificate for dc1.corp.example and localhost but not 127.0.0.1, as a DC's
 * certificate names its host names only: connecting by address is a host-name mismatch.
 */
async function makeCertificates(dir: string): Promise<void> {
  const tls = join(dir, 'tls');
  await mkdir(tls, {recursive: true});
  for (const sub of ['etc', 'run', 'log', 'cache', 'private', 'state']) {
    await mkdir(join(dir, sub), {recursive: true});
  }
  const file = (name: string): string => join(tls, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  // prettier-ignore
  await run('openssl', [
    'req', '-x509', ...ec, '-days', '2', '-subj', '/CN=mse-bind test AD CA',
    '-keyout', file('ca.key'), '-out', file('ca.pem'),
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  // prettier-ignore
  await run('openssl', [
    'req', ...ec, '-subj', '/CN=dc1.corp.example',
    '-keyout', file('key.pem'), '-out', file('server.csr'),
  ]);
  await writeFile(
    file('server.ext'),
    'subjectAltName=DNS:dc1.corp.example,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  // prettier-ignore
  await run('openssl', [
    'x509', '-req', '-in', file('server.csr'), '-days', '2',
    '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-extfile', file('server.ext'), '-out', file('cert.pem'),
  ]);
  // Samba refuses a key file that others can read.
  await run('chmod', ['600', file('key.pem'), file('ca.key')]);
}

/**
 * Written before provisioning, which keeps an existing smb.conf: `-s` then keeps Debian's
 * /etc/samba/smb.conf out, and every path stays inside `dir`. Only the LDAP server runs.
 */
function smbConf(dir: string): string {
  return `[global]
	netbios name = DC1
	workgroup = CORP
	realm = CORP.EXAMPLE
	server role = active directory domain controller
	interfaces = 127.0.0.1
	bind interfaces only = yes
	private dir = ${dir}/private
	lock directory = ${dir}
	state directory = ${dir}/state
	cache directory = ${dir}/cache
	pid directory = ${dir}/run
	ncalrpc dir = ${dir}/run/ncalrpc
	winbindd socket directory = ${dir}/run/winbindd
	binddns dir = ${dir}/bind-dns
	log file = ${dir}/log/log.%m
	log level = 1
	server services = ldap
	idmap_ldb:use rfc2307 = yes
	tls enabled = yes
	tls keyfile = ${dir}/tls/key.pem
	tls certfile = ${dir}/tls/cert.pem
	tls cafile = ${dir}/tls/ca.pem

[sysvol]
	path = ${dir}/state/sysvol
	read only = no
[netlogon]
	path = ${dir}/state/sysvol/corp.example/scripts
	read only = no
`;
}
