// Vitest configuration of the pure tests only (tests/domain and tests/machines): no global setup, no
// database, no Redis. `npm run test:mutation` (Stryker) runs these; they also run alone with
// `npx vitest run -c vitest.pure.config.ts`.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/domain/**/*.test.ts', 'tests/machines/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
