// Runs every test file under test/ with Node's own test runner (TypeScript through tsx).
// Node 20's --test has no glob support, so the files are listed here.
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {join} from 'node:path';

function testFiles(dir) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const filter = process.argv.slice(2);
const files = testFiles('test')
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
  .sort();

// CI=true would make Ink print only the last frame; the product must draw regardless, and the
// tests pin that explicitly where it matters, so the runner itself does not inherit it.
const env = {...process.env, FORCE_COLOR: '0', NO_COLOR: '1'};
delete env.CI;
if (process.env.CI) env.MSE_BIND_REQUIRE_SERVICES = '1';

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  {stdio: 'inherit', env},
);
process.exit(result.status ?? 1);
