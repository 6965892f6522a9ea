// Mutation testing of the pure core (docs/testing.md): Stryker mutates src/domain and src/machines and
// runs the pure tests (vitest.pure.config.ts: tests/domain and tests/machines, no database) against each
// mutant. `npm run test:mutation` prints the score per file; `-- --mutate <file>` narrows a run.
// Reports go to scratch/mutation/ (git-ignored).

// The property tests run a tenth of their cases under mutation, with CI's fixed seed, so a mutant's
// verdict is the same on every run (tests/domain/fast-check-seed.ts). The test runners inherit these.
import process from 'node:process'

process.env.FC_RUNS ??= '0.1'
process.env.FC_SEED ??= '20260313'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.pure.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/domain/day-grid.ts',
    'src/domain/day-cells.ts',
    'src/domain/schedule.ts',
    'src/domain/schedule-bridges.ts',
    'src/domain/money.ts',
    'src/domain/pricing.ts',
    'src/domain/cancellation.ts',
    'src/domain/telegram-init-data.ts',
    'src/machines/booking-machine.ts',
    'src/machines/payment-machine.ts',
    'src/machines/runner.ts',
    'src/machines/booking-setup.ts',
    'src/machines/booking-context.ts',
  ],
  // Only what the pure tests need goes into the sandbox (node_modules is linked, not copied).
  ignorePatterns: ['/*', '!/src', '!/tests', '!/package.json', '!/tsconfig.json', '!/vitest.pure.config.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'scratch/mutation/mutation.html' },
  jsonReporter: { fileName: 'scratch/mutation/mutation.json' },
  clearTextReporter: {
    allowColor: false,
    logTests: false,
    reportTests: false,
    reportScoreTable: true,
    reportMutants: true,
  },
  tempDirName: 'scratch/stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 95, low: 90, break: null },
}
