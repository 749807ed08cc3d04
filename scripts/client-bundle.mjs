// How the newsroom's browser code (src/client/*.island.ts) is bundled into static/, where the server fingerprints
// it: one set of options for the build (build-client.mjs) and for `npm run dev`, which rebuilds on change.
export const CLIENT_BUNDLE = {
  entryPoints: { 'newsroom-editor': 'src/client/newsroom-editor.island.ts' },
  outdir: 'static',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
};
