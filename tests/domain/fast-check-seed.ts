// One place for fast-check's seed and run counts, imported by every property test (tests/domain,
// tests/machines, tests/slots, tests/system; the API fuzz test samples with its own seed per route). FC_SEED=<n> replays a failure; in CI (process.env.CI set) the seed is fixed so a run is
// reproducible; locally fast-check draws a random seed and prints it with any counterexample
// ("seed: …"). FC_RUNS scales every property's run count (the mutation run uses a tenth).
import fc from 'fast-check'

/** The seed CI runs with. Change it on purpose only, never to make a failure go away. */
export const CI_SEED = 20_260_313

function chosenSeed(): number | undefined {
  if (process.env.FC_SEED) return Number(process.env.FC_SEED)
  if (process.env.CI) return CI_SEED
  return undefined
}

const scale = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 1

/** `numRuns` scaled by FC_RUNS, at least `min` (a property that asserts what its runs reached needs enough). */
export const runs = (numRuns: number, min = 1): number => Math.max(min, Math.round(numRuns * scale))

const seed = chosenSeed()
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  numRuns: runs(100), // fast-check's default, scaled
  ...(seed === undefined ? {} : { seed }),
})

export { seed as fastCheckSeed }
