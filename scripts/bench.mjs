// Prints the figures start-up and speed targets are judged by, measured in one run on this
// machine: time to first frame of the bundle next to `node -e 0`, the wizard's memory after its
// first frame, the bundle's size, and a whole non-interactive bind against the simulators.
// Run through `npm run bench`, which builds first. Figures, not pass/fail: timed tests flake.
import {spawn} from 'node:child_process';
import {mkdtemp, readdir, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const bundle = 'dist/cli.mjs';
const noKeychain = {...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bench-bus'};
delete noKeychain.CI;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summary(label, values, unit = 'ms') {
  const fmt = (value) => `${Math.round(value)}`;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return `${label.padEnd(44)} median ${fmt(median(values))} ${unit}  (min ${fmt(min)}, max ${fmt(max)}, n=${values.length})`;
}

/** The RSS of a process, from /proc (Linux only). */
async function rssKiB(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

async function childPids(pid) {
  try {
    const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return text.trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Starts a command inside a pseudo-terminal (util-linux `script`) and measures the time from
 * spawn until its output contains `marker`: the first frame a person sees.
 */
function timeToText(command, marker, env, onReady) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: {...env, TERM: 'xterm-256color', COLUMNS: '80', LINES: '25'},
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let output = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no "${marker}" within 20 s`)), 20_000);
    async function finish(error, elapsed) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      let extra;
      if (!error && onReady) extra = await onReady(child.pid);
      child.kill('SIGKILL');
      for (const pid of await childPids(child.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone with its terminal.
        }
      }
      if (error) reject(error);
      else resolve({ms: elapsed, extra});
    }
    child.stdout.on('data', (chunk) => {
      output += chunk.toString('utf8');
      if (output.includes(marker)) finish(null, performance.now() - started);
    });
    child.on('error', (error) => finish(error));
  });
}

function timeToExit(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {stdio: ['pipe', 'pipe', 'pipe'], ...options});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ms: performance.now() - started, code, stdout, stderr}));
    child.stdin.end(options.input ?? '');
  });
}

async function bundleSize() {
  const files = await readdir('dist');
  let total = 0;
  let cli = 0;
  for (const file of files) {
    const {size} = await stat(join('dist', file));
    total += size;
    if (file === 'cli.mjs') cli = size;
  }
  return {total, cli, files: files.length};
}

const root = await mkdtemp(join(tmpdir(), 'mse-bind-bench-'));
try {
  const baseline = [];
  const wizard = [];
  const status = [];
  const rss = [];
  for (let run = 0; run < runs; run++) {
    // Interleaved, so that a busy moment on the machine hits every figure alike.
    baseline.push((await timeToExit(process.execPath, ['-e', '0'])).ms);
    const stateDir = join(root, `wizard-${run}`);
    const command = `${process.execPath} ${bundle} --state-dir ${stateDir} --allow-key-file`;
    const result = await timeToText(command, 'Site settings', noKeychain, async (scriptPid) => {
      const [nodePid] = await childPids(scriptPid);
      return nodePid ? rssKiB(nodePid) : NaN;
    });
    wizard.push(result.ms);
    if (Number.isFinite(result.extra)) rss.push(result.extra / 1024);
    status.push(
      (
        await timeToExit(process.execPath, [bundle, 'status', '--state-dir', stateDir], {
          env: noKeychain,
        })
      ).ms,
    );
  }

  const demo = [];
  for (let run = 0; run < Math.min(runs, 5); run++) {
    const command = `${process.execPath} ${bundle} demo`;
    demo.push((await timeToText(command, 'Administrator email', noKeychain)).ms);
  }

  // A whole bind, as a script runs it, against `mse-bind simulate` in another process.
  const config = join(root, 'site.json');
  const simulate = spawn(process.execPath, [bundle, 'simulate', '--write-config', config], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: noKeychain,
  });
  const sims = await new Promise((resolve, reject) => {
    let text = '';
    simulate.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(JSON.parse(text.slice(0, text.indexOf('\n'))));
    });
    simulate.on('error', reject);
    simulate.on('close', () => reject(new Error('simulate exited early')));
  });
  const binds = [];
  try {
    const input = `${[sims.adminPassword, sims.directoryPassword, sims.exchangePassword, sims.appKey].join('\n')}\n`;
    for (let run = 0; run < 5; run++) {
      const args = [
        bundle,
        'bind',
        '--non-interactive',
        '--config',
        config,
        '--email',
        sims.adminEmail,
      ];
      args.push('--password-stdin', '--state-dir', join(root, `bind-${run}`), '--allow-key-file');
      const result = await timeToExit(process.execPath, args, {env: noKeychain, input});
      if (result.code !== 0) throw new Error(`bench bind failed: ${result.stdout}${result.stderr}`);
      binds.push(result.ms);
    }
  } finally {
    simulate.removeAllListeners('close');
    simulate.kill('SIGINT');
  }

  const size = await bundleSize();
  console.log(`mse-bind bench: ${runs} runs, Node ${process.version}, ${process.platform}`);
  console.log(summary('node -e 0 (process start to exit)', baseline));
  console.log(summary('wizard: start to first frame (pty)', wizard));
  console.log(summary('demo: start to first frame (pty, 3 simulators)', demo));
  console.log(summary('status: start to exit', status));
  if (rss.length) console.log(summary('wizard: RSS after first frame', rss, 'MiB'));
  if (binds.length) console.log(summary('bind --non-interactive, whole run', binds));
  console.log(
    `bundle: ${size.files} files, ${(size.total / 1024).toFixed(0)} KiB in all, ` +
      `entry ${(size.cli / 1024).toFixed(1)} KiB`,
  );
} finally {
  await rm(root, {recursive: true, force: true});
}
