// Lint rules, including the layering rules of docs/architecture.md:
//   src/shared        imports nothing of ours outside shared, no Node, no Electron, no DOM libraries
//   src/main/core     (and the CLI) never imports electron or the Electron-facing part of main
//   src/main/core-process  (the core process: protocol, proxy, supervisor) never imports electron
//                     either; the core and the CLI never import it (it sits above them)
//   src/renderer      imports nothing from Node, Electron or main
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

const nodeOnlyPackages = [
  'onnxruntime-node',
  'sharp',
  'ws',
  'commander',
  '@ffmpeg-installer/ffmpeg',
  '@gltf-transform/core',
  'gltf-validator'
]

/** @param {string} message */
const banNode = (message) => [
  ...nodeBuiltins.map((name) => ({ name, message })),
  ...nodeOnlyPackages.map((name) => ({ name, message }))
]

/** Code under src never reaches into the repository's tooling: benchmarks, build scripts, tests. */
const noTooling = {
  group: ['**/bench/**', '**/build/**', '**/test/**', '../../bench/*', '../../build/*', '../../test/*'],
  message: 'Code under src never imports bench/, build/ or test/.'
}

/** The Node core's own restrictions: no Electron, no Electron-facing main, no renderer or preload. */
const coreBans = {
  paths: [
    {
      name: 'electron',
      message: 'The Node core and the CLI never import electron: put it in src/main/electron.'
    }
  ],
  patterns: [
    {
      group: ['**/electron/**', '**/main/index'],
      message: 'The Node core never imports the Electron-facing part of main.'
    },
    {
      group: ['**/renderer/**', '**/preload/**'],
      message: 'The Node core never imports renderer or preload code.'
    }
  ]
}

/** The core process wraps the core; the core and the in-process CLI never reach up into it. */
const noCoreProcess = {
  group: ['**/core-process/**', '**/core-process'],
  message: 'The Node core and the CLI never import core-process/: the core process wraps the core.'
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'resources/**',
      '.cache/**',
      // Local, untracked dev scripts (renders to look at while tuning); never committed.
      'scratch/**',
      '**/*.tmp.ts',
      '**/*.generated.ts'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off'
    }
  },
  {
    // A function does one thing: past ~150 lines it is several stages, each its own function or file.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }] }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/shared is pure: no Electron.' },
            { name: 'react', message: 'src/shared is pure: no UI libraries.' },
            ...banNode('src/shared is pure: no Node modules.')
          ],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports only from src/shared.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/cli/**/*.ts', 'test/host/**/*.ts', 'bin/**'],
    rules: {
      'no-restricted-imports': ['error', { ...coreBans, patterns: [...coreBans.patterns] }]
    }
  },
  {
    // Runs in a utility process (or a Node child in tests): the same bans as the core.
    files: ['src/main/core-process/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...coreBans, patterns: [...coreBans.patterns, noTooling] }]
    }
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...coreBans, patterns: [...coreBans.patterns, noTooling, noCoreProcess] }
      ]
    }
  },
  {
    // The domain modules sit below the studio's wiring: they never import studio/ or ipc/ (which call them).
    files: ['src/main/core/{analysis,drive,engine,export,image,live,media,portrait,project,render}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...coreBans,
          patterns: [
            ...coreBans.patterns,
            noTooling,
            noCoreProcess,
            {
              group: [
                '../studio',
                '../studio/*',
                '../ipc',
                '../ipc/*',
                '../../studio/*',
                '../../ipc/*',
                '**/core/studio/**',
                '**/core/ipc/**'
              ],
              message:
                'Domain modules (analysis, drive, engine, export, image, media, portrait, project, render) never import studio/ or ipc/: those call them.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/host/bridge/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through window.mimesis.' },
            ...banNode('The renderer runs sandboxed: no Node modules.')
          ],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer imports only renderer and shared code.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'The preload imports only shared code.' }
          ]
        }
      ]
    }
  }
)
