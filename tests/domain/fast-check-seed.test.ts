// The property tests' seed (fast-check-seed.ts): fixed in CI, random locally, and always printed with
// a counterexample so that FC_SEED=<seed> replays it.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CI_SEED, fastCheckSeed } from './fast-check-seed.ts'

describe('fast-check seed', () => {
  it('is FC_SEED when given, else the CI seed in CI, else left to fast-check', () => {
    const expected = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? CI_SEED : undefined
    expect(fastCheckSeed).toBe(expected)
    expect(fc.readConfigureGlobal().seed).toBe(expected)
  })

  it('a failure names its seed, and that seed replays the same counterexample', () => {
    const failing = fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => n % 7 !== 3)
    const first = fc.check(failing)
    expect(first.failed).toBe(true)
    if (fastCheckSeed !== undefined) expect(first.seed).toBe(fastCheckSeed)
    expect(() => fc.assert(failing, { seed: first.seed })).toThrow(`seed: ${first.seed}`)
    const replay = fc.check(failing, { seed: first.seed })
    expect(replay.counterexample).toEqual(first.counterexample)
  })
})
