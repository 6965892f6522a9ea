// Every installed package must run on every Node the project declares: npm warns EBADENGINE when
// the running Node falls outside a package's `engines.node`, so the check is made for the running
// Node and for the lowest one `package.json` promises (a tree tested on Node 22 can still need 22).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

interface Semver {
  satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean
  minVersion(range: string): { version: string } | null
}
// semver ships no types of its own; this is the part used here.
const semver = createRequire(import.meta.url)('semver') as Semver

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface InstalledPackage {
  /** Folder relative to the project, e.g. `node_modules/a/node_modules/b`. */
  location: string
  name: string
  version: string
  engines?: { node?: string }
}

/** What npm installed: the hidden lockfile lists every folder it put under node_modules. */
function installedPackages(): InstalledPackage[] {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, { link?: boolean }>
  }
  const found: InstalledPackage[] = []
  for (const [location, entry] of Object.entries(lock.packages)) {
    const file = path.join(ROOT, location, 'package.json')
    if (!location || entry.link || !existsSync(file)) continue
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Omit<InstalledPackage, 'location'>
    found.push({ location, name: pkg.name, version: pkg.version, engines: pkg.engines })
  }
  return found
}

/** The packages npm would warn about on any of these Node versions (npm's own test of the range). */
function engineMismatches(packages: InstalledPackage[], nodeVersions: string[]): string[] {
  const out: string[] = []
  for (const pkg of packages) {
    const wanted = pkg.engines?.node
    if (typeof wanted !== 'string') continue
    for (const node of nodeVersions) {
      if (!semver.satisfies(node, wanted, { includePrerelease: true }))
        out.push(`${pkg.name}@${pkg.version} (${pkg.location}) wants node ${wanted}, not ${node}`)
    }
  }
  return out
}

const declared = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
).engines.node

describe('engines', () => {
  it('the project declares a Node range that the running Node is in', () => {
    expect(semver.minVersion(declared)).not.toBeNull()
    expect(semver.satisfies(process.versions.node, declared)).toBe(true)
  })

  it('flags a package whose engines exclude the lowest declared Node', () => {
    const fake = [
      { location: 'node_modules/x', name: 'x', version: '1.0.0', engines: { node: '>=22' } },
      { location: 'node_modules/y', name: 'y', version: '1.0.0', engines: { node: '>=18 || ^16.14' } },
      { location: 'node_modules/z', name: 'z', version: '1.0.0' },
    ]
    expect(engineMismatches(fake, ['20.19.0'])).toEqual([
      'x@1.0.0 (node_modules/x) wants node >=22, not 20.19.0',
    ])
  })

  it('every installed package supports the lowest declared Node and the running one', () => {
    const packages = installedPackages()
    expect(packages.length).toBeGreaterThan(50)
    const versions = [semver.minVersion(declared)!.version, process.versions.node]
    expect(engineMismatches(packages, versions)).toEqual([])
  })
})
