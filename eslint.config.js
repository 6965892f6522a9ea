// Lint rules: the recommended sets of ESLint and typescript-eslint, nothing exotic.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
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
