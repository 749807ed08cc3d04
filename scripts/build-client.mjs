// Bundles the newsroom's browser code (src/client/*.island.ts) into static/, where the server fingerprints it.
import { build } from 'esbuild';

await build({
  entryPoints: { 'newsroom-editor': 'src/client/newsroom-editor.island.ts' },
  outdir: 'static',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
});
