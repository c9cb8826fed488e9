// Builds the ESM bundle that `mse-bind` runs. Two fixes make Ink bundle on Node 20: a require
// shim for CommonJS dependencies (signal-exit) and a stub for the optional devtools package.
import {build} from 'esbuild';
import {rename, rm, writeFile} from 'node:fs/promises';

const started = performance.now();
// Chunk names carry content hashes, so each build starts from an empty directory (stale chunks
// would pile up). It is built beside dist/ and swapped in, so that a program or test started
// from dist/ while another build runs never finds it missing or half written.
const building = `dist.building-${process.pid}`;
await rm(building, {recursive: true, force: true});
const result = await build({
  entryPoints: {cli: 'src/cli.ts'},
  outdir: building,
  outExtension: {'.js': '.mjs'},
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  define: {'process.env.NODE_ENV': '"production"'},
  alias: {'react-devtools-core': './src/devtools-stub.ts'},
  // keytar is a native addon and an optional dependency: it is loaded from node_modules at run
  // time, and its absence is reported by the keychain adapter.
  external: ['keytar'],
  banner: {
    js: "import {createRequire as __mseCreateRequire} from 'node:module'; const require = __mseCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: process.argv.includes('--metafile'),
});
if (result.metafile) await writeFile(`${building}/meta.json`, JSON.stringify(result.metafile));
// Another build may put its dist/ back between the two renames: move that one aside too.
const replaced = `dist.replaced-${process.pid}`;
for (let attempt = 0; ; attempt += 1) {
  await rm(replaced, {recursive: true, force: true});
  await rename('dist', replaced).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  try {
    await rename(building, 'dist');
    break;
  } catch (error) {
    if (!['ENOTEMPTY', 'EEXIST'].includes(error.code) || attempt === 5) throw error;
  }
}
await rm(replaced, {recursive: true, force: true});
if (!process.argv.includes('--quiet')) {
  console.error(`build: dist/ in ${Math.round(performance.now() - started)} ms`);
}
