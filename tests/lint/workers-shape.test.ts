// The worker stays in pieces one can read: no file grows past about 300 lines, and its modules
// import one another without a circle (a circle is what once needed a callback patched in).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const workers = join(root, 'src/workers')

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )

/** Relative imports of `file` that stay inside src/workers. */
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)]
    .map((m) => normalize(join(dirname(file), m[1]!)))
    .filter((target) => target.startsWith(workers))

/** Every circle in an import graph (file → the files it imports). */
function circles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const found: string[][] = []
  const visit = (f: string) => {
    state.set(f, 'open')
    path.push(f)
    for (const next of graph.get(f) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    path.pop()
    state.set(f, 'done')
  }
  for (const f of graph.keys()) if (!state.has(f)) visit(f)
  return found
}

describe('src/workers', () => {
  const files = sources(workers)

  it('has no file over 300 lines', () => {
    const long = files
      .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 300)
    expect(long).toEqual([])
  })

  it('has no import circle', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f)]))
    expect(importsOf(join(workers, 'intent-processor.ts'))).toContain(join(workers, 'intents/chain.ts'))
    expect(circles(graph).map((c) => c.map((f) => relative(root, f)))).toEqual([])
  })

  it('the circle check finds a circle where there is one', () => {
    const graph = new Map([
      ['processor', ['chain', 'log']],
      ['chain', ['processor']],
      ['log', []],
    ])
    expect(circles(graph)).toEqual([['processor', 'chain', 'processor']])
  })
})
