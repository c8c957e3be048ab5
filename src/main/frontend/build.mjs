// Bundles the pages' scripts and the one stylesheet into the directory given (Maven passes
// target/classes/static/assets). No CDN: everything the pages load is served by Tandem.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const outdir = process.argv[2] ?? '../../../target/classes/static/assets';
const fonts = Object.fromEntries(['.woff', '.woff2', '.ttf', '.eot', '.svg'].map(ext => [ext, 'file']));

await build({
  entryPoints: ['src/app.css', 'src/tasklist.js', 'src/console.js', 'src/models.js'].filter(existsSync),
  outdir,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: 'es2020',
  loader: fonts,
  assetNames: 'fonts/[name]-[hash]',
  logLevel: 'info'
});
