// The assignment of booking partitions to worker processes (src/workers/partition-leases.ts): pure,
// members → partitions. Every partition owned exactly once, balanced, the same in every process,
// and few partitions moved when a process joins or leaves.
import { describe, expect, it } from 'vitest'
import { assignPartitions } from '../../src/workers/partition-leases.ts'

/** The owner of each partition, by index. */
function owners(members: string[], partitions: number) {
  const owner: string[] = []
  for (const [m, ps] of assignPartitions(members, partitions)) for (const p of ps) owner[p] = m
  return owner
}

const membersOf = (scenario: number, n: number) =>
  Array.from({ length: n }, (_, i) => `host-${scenario}:${1000 + i}:${(i * 7919).toString(16)}`)

const moved = (a: string[], b: string[]) => a.filter((owner, p) => owner !== b[p]).length

describe('assignPartitions', () => {
  it('gives every partition to exactly one member, each member ⌊P/n⌋ or ⌈P/n⌉ of them', () => {
    for (const partitions of [1, 4, 16, 17, 64])
      for (let n = 1; n <= 20; n++) {
        const members = membersOf(n, n)
        const assigned = assignPartitions(members, partitions)
        expect([...assigned.keys()].sort()).toEqual([...members].sort())
        const all = [...assigned.values()].flat().sort((a, b) => a - b)
        expect(all).toEqual(Array.from({ length: partitions }, (_, p) => p))
        const sizes = [...assigned.values()].map((ps) => ps.length)
        for (const size of sizes) {
          expect(size).toBeGreaterThanOrEqual(Math.floor(partitions / n))
          expect(size).toBeLessThanOrEqual(Math.ceil(partitions / n))
        }
      }
  })

  it('answers the same whatever the order of the members or a repeated one', () => {
    const members = membersOf(1, 5)
    const expected = assignPartitions(members, 16)
    for (const order of [[...members].reverse(), [members[3]!, ...members, members[0]!]])
      expect(assignPartitions(order, 16)).toEqual(expected)
  })

  it('a single member owns every partition; no member, no owner', () => {
    expect(assignPartitions(['only'], 4)).toEqual(new Map([['only', [0, 1, 2, 3]]]))
    expect(assignPartitions([], 4)).toEqual(new Map())
  })

  it('moves few partitions when a member joins or leaves (p mod n would move about 2.5 × the share)', () => {
    for (const partitions of [16, 64]) {
      let joinMoves = 0
      let joinShare = 0
      let leaveMoves = 0
      let leaveShare = 0
      for (let scenario = 0; scenario < 100; scenario++) {
        const n = 1 + (scenario % 8)
        const members = membersOf(scenario, n)
        const before = owners(members, partitions)

        const newcomer = `host-${scenario}:9999:new`
        const joined = owners([...members, newcomer], partitions)
        const share = joined.filter((o) => o === newcomer).length
        const joinMoved = moved(before, joined)
        // The newcomer's share must move; anything beyond it is churn among the others.
        expect(joinMoved).toBeGreaterThanOrEqual(share)
        expect(joinMoved - share).toBeLessThanOrEqual(partitions / 3)
        joinMoves += joinMoved
        joinShare += share

        if (n === 1) continue
        const gone = members[scenario % n]!
        const left = owners(
          members.filter((m) => m !== gone),
          partitions,
        )
        const theirs = before.filter((o) => o === gone).length
        const leaveMoved = moved(before, left)
        expect(left.includes(gone)).toBe(false)
        expect(leaveMoved - theirs).toBeLessThanOrEqual(partitions / 3)
        leaveMoves += leaveMoved
        leaveShare += theirs
      }
      expect(joinMoves / joinShare).toBeLessThan(1.4)
      expect(leaveMoves / leaveShare).toBeLessThan(1.4)
    }
  })
})
