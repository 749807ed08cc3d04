// Bundles the newsroom's browser code into static/ (the options are in client-bundle.mjs).
import { build } from 'esbuild';
import { CLIENT_BUNDLE } from './client-bundle.mjs';

await build(CLIENT_BUNDLE);
