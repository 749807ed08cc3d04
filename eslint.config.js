// Lint for the whole repository: `npm run lint` runs this, then `prettier --check .` for layout.
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TYPED_CODE = ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'bench/**/*.ts'];

// The layers of shared/DESIGN.md, for run-time imports only: a type import costs nothing at run time and
// creates no load-order cycle, so it may cross any boundary.
const UI_AND_ENTRY_POINTS = ['server', 'views', 'cli', 'client'];
const LAYERS = [
  { folder: 'domain', only: ['domain'] },
  { folder: 'storage', only: ['domain', 'storage'] },
  { folder: 'services', never: UI_AND_ENTRY_POINTS },
  { folder: 'ranking', never: UI_AND_ENTRY_POINTS },
  { folder: 'views', only: ['domain', 'views'] },
  { folder: 'client', only: ['domain', 'client'] },
];
// The rule below reads import specifiers, not resolved paths, so each folder depth gets its own pattern:
// from src/views/reader/ a specifier reaches src/ after exactly two `../`. The depths are read from the tree
// on each run, so a new subfolder is covered without touching this file.
const DEEPEST_FOLDER = Math.max(
  ...readdirSync(join(import.meta.dirname, 'src'), { recursive: true }).map((p) => p.split(sep).length - 1),
);

const layerBoundaries = LAYERS.flatMap(({ folder, only, never }) =>
  Array.from({ length: DEEPEST_FOLDER }, (_, i) => {
    const toSrc = `^(?:\\.\\./){${i + 1}}`;
    const regex = only ? `${toSrc}(?!(?:${only.join('|')})/)` : `${toSrc}(?:${never.join('|')})/`;
    const message = only
      ? `src/${folder}/ may import values only from src/${only.join('/, src/')}/ (type-only imports are free).`
      : `src/${folder}/ may not import values from src/${never.join('/, src/')}/ (type-only imports are free).`;
    return {
      name: `dateline/layers/${folder}/depth-${i + 1}`,
      files: [`src/${folder}/${'*/'.repeat(i)}*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ regex, message, allowTypeImports: true, caseSensitive: true }] },
        ],
      },
    };
  }),
);

export default defineConfig(
  {
    name: 'dateline/ignores',
    // static/newsroom-editor.js is the esbuild bundle of src/client/; static/view-beacon.js is hand-written.
    ignores: ['dist/', 'data/', 'test-results/', 'coverage/', 'static/newsroom-editor.js'],
  },
  { name: 'dateline/report-unused-disables', linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'dateline/typed',
    files: TYPED_CODE,
    languageOptions: {
      parserOptions: {
        projectService: {
          // The root tsconfig leaves out src/client/, which runs in the browser: those files get the client one.
          allowDefaultProject: ['src/client/*.ts'],
          defaultProject: 'tsconfig.client.json',
          // The browser code is a dozen small files; the default of 8 refuses the ninth.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 20,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x cannot read a .ts module it reaches and so sees no cycle through it.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // Type-only imports are skipped: they vanish from the emitted JavaScript.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  ...layerBoundaries,
  {
    name: 'dateline/file-size',
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/demo/**'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    name: 'dateline/node-scripts',
    files: ['**/*.{js,mjs,cjs}'],
    ignores: ['static/**'],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'dateline/browser-scripts',
    files: ['static/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
);
