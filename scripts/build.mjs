// Builds the ESM bundle that `mse-bind` runs. Two fixes make Ink bundle on Node 20: a require
// shim for CommonJS dependencies (signal-exit) and a stub for the optional devtools package.
import {build} from 'esbuild';
import {rm, writeFile} from 'node:fs/promises';

const started = performance.now();
// Chunk names carry content hashes: stale chunks of an earlier build would pile up.
await rm('dist', {recursive: true, force: true});
const result = await build({
  entryPoints: {cli: 'src/cli.ts'},
  outdir: 'dist',
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
if (result.metafile) await writeFile('dist/meta.json', JSON.stringify(result.metafile));
if (!process.argv.includes('--quiet')) {
  console.error(`build: dist/ in ${Math.round(performance.now() - started)} ms`);
}
