// Lint rules: the recommended sets of ESLint and typescript-eslint, nothing exotic.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** `no-restricted-imports` for each layer: relative paths into the named sibling folders. */
function layerRules(layers) {
  return layers.map(({ files, why, folders, packages = [] }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message: why },
            ...(packages.length ? [{ group: packages, message: why }] : []),
          ],
        },
      ],
    },
  }))
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '**/dist/', 'coverage/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The layers (docs/architecture.md): arrows point from a user of a layer to what it uses, never
  // back up. A folder lists the folders it must not import; `(\.\./)+` catches any depth.
  ...layerRules([
    {
      files: ['src/domain/**'],
      why: 'src/domain is pure: it imports only src/domain (no I/O, no layer above it).',
      folders: ['api', 'workers', 'bot', 'jobs', 'intents', 'slots', 'data', 'infra', 'machines'],
      packages: ['knex', 'pg', 'ioredis', 'bullmq', 'fastify', 'objection'],
    },
    {
      files: ['src/machines/**'],
      why: 'src/machines is pure: it imports only src/domain and itself.',
      folders: ['api', 'workers', 'bot', 'jobs', 'intents', 'slots', 'data', 'infra'],
      packages: ['knex', 'pg', 'ioredis', 'bullmq', 'fastify', 'objection'],
    },
    {
      files: ['src/data/**'],
      why: 'src/data serves the processes; it imports neither src/api, src/workers nor src/bot.',
      folders: ['api', 'workers', 'bot'],
    },
    {
      files: ['src/api/**'],
      why: 'src/api and src/workers are separate processes: they share src/jobs, src/data, src/domain; queries belong in src/data.',
      folders: ['workers', 'bot'],
      packages: ['knex', 'pg', 'objection'],
    },
    {
      files: ['src/workers/**'],
      why: 'src/api and src/workers are separate processes: they share src/jobs, src/data, src/domain; queries belong in src/data.',
      folders: ['api', 'bot'],
      packages: ['knex', 'pg', 'objection'],
    },
    {
      files: ['src/bot/**'],
      why: 'the bot is a process of its own: it shares src/jobs, src/data, src/domain.',
      folders: ['api', 'workers'],
    },
    {
      files: ['web/**', 'miniapp/**'],
      why: 'the channels talk to the API only through @booking/api-client; they import nothing from src/.',
      folders: ['src'],
    },
  ]),
  {
    // Packages are what the channels (web/, miniapp/) import: they stand on their own, so nothing in
    // them may reach into the server's code, or into a sibling package by path instead of by name.
    // Their sources sit in `<package>/src/`, so two `../` already leave the package.
    files: ['packages/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./){2,}|^/',
              message:
                'A package imports nothing from the server (src/) or outside itself: import a package by its name.',
            },
            {
              group: ['booking-system', 'booking-system/*'],
              message: 'A package imports nothing from the server (src/): import a package by its name.',
            },
          ],
        },
      ],
    },
  },
)
