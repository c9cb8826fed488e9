// Builds the ESM bundle that `mse-bind` runs. Two fixes make Ink bundle on Node 20: a require
// shim for CommonJS dependencies (signal-exit) and a stub for the optional devtools package.
import {build} from 'esbuild';

const started = performance.now();
await build({
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
});
if (!process.argv.includes('--quiet')) {
  console.error(`build: dist/ in ${Math.round(performance.now() - started)} ms`);
}
