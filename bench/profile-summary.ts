// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: self time per function
// and per package/area, and inclusive time of the project's own functions.
// Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

function areaOf(url: string, fn: string) {
  if (!url) return fn.startsWith('(') ? fn : '(native)'
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (nm) return nm[1]!
  if (url.startsWith('node:')) return 'node core'
  const src = /\/(src|bench|db)\/(.*)$/.exec(url)
  return src ? `${src[1]}/${src[2]}` : url
}

export function summariseProfile(path: string, top = 25): string {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)))
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const idle = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
  const idleUs = idle.reduce((a, [, t]) => a + t, 0)
  const busy = total - idleUs
  if (busy < 0.05 * total)
    return `profile ${path}: ${(busy / 1e6).toFixed(1)} s busy of ${(total / 1e6).toFixed(1)} s (a helper thread): skipped`

  const label = (n: ProfileNode) => {
    const f = n.callFrame
    const file = f.url.replace(/^file:\/\/.*?\/(node_modules|src|bench|db)\//, '$1/')
    return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim()
  }
  const selfByFn = new Map<string, number>()
  const selfByArea = new Map<string, number>()
  for (const [id, t] of self) {
    const n = byId.get(id)!
    if (n.callFrame.functionName === '(idle)') continue
    selfByFn.set(label(n), (selfByFn.get(label(n)) ?? 0) + t)
    const area = areaOf(n.callFrame.url, n.callFrame.functionName)
    selfByArea.set(area, (selfByArea.get(area) ?? 0) + t)
  }

  // Inclusive time of the project's functions (a function counted once per stack).
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inclusive = new Map<string, number>()
  for (const [id, t] of self) {
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!
      if (!/\/(src|bench)\//.test(n.callFrame.url)) continue
      const l = label(n)
      if (seen.has(l)) continue
      seen.add(l)
      inclusive.set(l, (inclusive.get(l) ?? 0) + t)
    }
  }

  const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)}%`
  const list = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `  ${pct(t)}  ${k}`)
      .join('\n')
  return [
    `profile ${path}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)}%); percentages of busy time`,
    `self time by area:`,
    list(selfByArea, 15),
    `self time by function:`,
    list(selfByFn, top),
    `inclusive time of project functions:`,
    list(inclusive, 15),
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]')
    process.exit(1)
  }
  console.log(summariseProfile(file, Number(process.argv[3] ?? 25)))
}
