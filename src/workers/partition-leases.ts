// Booking partitions shared between worker processes (docs/jobs.md, "Partition leases"). Each
// process renews its membership in a Redis sorted set about once a second; the live members decide,
// by the pure `assignPartitions`, which process runs a BullMQ worker on which partition queue. The
// lease only spreads the load: the queues' global concurrency 1 keeps one job at a time per
// partition even while two processes both hold a worker on it during a handover.
import { createHash, randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Redis, Result } from 'ioredis'

/** A stable score of one member for one partition (the quota draw uses partition -1). */
const score = (member: string, partition: number) =>
  createHash('md5').update(`${member}\0${partition}`).digest().readUInt32BE(0)

/**
 * Which partitions each member owns: every partition exactly once, each member `⌊P/n⌋` or
 * `⌈P/n⌉` of them, and the same answer in every process for the same members (order and
 * duplicates do not matter). Bounded-load rendezvous hashing: the (member, partition) pairs are
 * taken by descending score while the member has room, so a member that joins takes mostly
 * partitions that become its own and one that leaves gives up mostly its own; `p mod n` would move
 * about twice as many.
 */
export function assignPartitions(members: readonly string[], partitions: number): Map<string, number[]> {
  const sorted = [...new Set(members)].sort()
  const owned = new Map<string, number[]>(sorted.map((m) => [m, []]))
  if (!sorted.length) return owned
  const base = Math.floor(partitions / sorted.length)
  const extra = new Set(
    [...sorted].sort((a, b) => score(b, -1) - score(a, -1)).slice(0, partitions % sorted.length),
  )
  const room = new Map(sorted.map((m) => [m, base + (extra.has(m) ? 1 : 0)]))
  const pairs: { s: number; m: string; p: number }[] = []
  for (const m of sorted) for (let p = 0; p < partitions; p++) pairs.push({ s: score(m, p), m, p })
  pairs.sort((a, b) => b.s - a.s || (a.m < b.m ? -1 : a.m > b.m ? 1 : 0) || a.p - b.p)
  const taken = new Set<number>()
  for (const { m, p } of pairs) {
    if (taken.has(p) || room.get(m) === 0) continue
    taken.add(p)
    room.set(m, room.get(m)! - 1)
    owned.get(m)!.push(p)
  }
  for (const list of owned.values()) list.sort((a, b) => a - b)
  return owned
}

/** A member id: the host and pid for people, a random tail so a reused pid is another member. */
export const newMemberId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`

/**
 * The members' set, one per partition count: processes that disagree on QUEUE_PARTITIONS (during
 * a change of it) form two groups, each covering all of its own partitions.
 */
export const membersKey = (partitions: number) => `partition-members:${partitions}`

// KEYS: the members' set. ARGV: member, ttl ms. Redis' own clock, so machines' clocks may differ.
// Renews the member, drops the lapsed ones, answers the live members.
const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl * 2)
return redis.call('ZRANGE', KEYS[1], 0, -1)
`

declare module 'ioredis' {
  interface RedisCommander<Context> {
    partitionHeartbeat(key: string, member: string, ttlMs: number): Result<string[], Context>
  }
}

export interface PartitionOwnerOptions<T> {
  /** A client with the deployment's key prefix (the key is under it). */
  redis: Redis
  partitions: number
  /** This process' member id (also the name of its BullMQ workers, so jobs show who ran them). */
  member: string
  /** How often the membership is renewed and the assignment re-evaluated. Default 1000 ms. */
  everyMs?: number
  /** A member not renewed for this long is gone; its partitions go to the others. Default 4000 ms. */
  ttlMs?: number
  /** Opens the consumer of one partition (a BullMQ worker). */
  open: (partition: number) => T
  /** Closes it gracefully: a running job finishes first. */
  close: (consumer: T, partition: number) => Promise<void>
  onError: (err: unknown) => void
}

/**
 * Keeps a consumer open on exactly the partitions this member owns: re-evaluated on every
 * heartbeat, a partition no longer owned closed in the background (its running job finishes; the
 * heartbeat goes on meanwhile), a partition being closed reopened only once the close is done.
 */
export class PartitionOwner<T> {
  private readonly open = new Map<number, T>()
  private readonly closing = new Map<number, Promise<void>>()
  private timer: NodeJS.Timeout | undefined
  private beating: Promise<void> = Promise.resolve()
  private stopped = false
  /** The live members at the last heartbeat, sorted. */
  members: string[] = []

  constructor(private readonly opts: PartitionOwnerOptions<T>) {
    if (!(opts.redis as Partial<Redis>).partitionHeartbeat)
      opts.redis.defineCommand('partitionHeartbeat', { numberOfKeys: 1, lua: HEARTBEAT })
  }

  /** Joins: the first heartbeat and the consumers it assigns are in place when this resolves. */
  async start() {
    await this.beat()
    this.schedule()
  }

  /** The consumers open now, by partition. */
  consumers(): T[] {
    return [...this.open.values()]
  }

  owned(): number[] {
    return [...this.open.keys()].sort((a, b) => a - b)
  }

  /** Leaves (the others take over at their next heartbeat), then closes every consumer. */
  async stop() {
    this.stopped = true
    clearTimeout(this.timer)
    await this.beating
    await this.opts.redis.zrem(membersKey(this.opts.partitions), this.opts.member).catch(this.opts.onError)
    for (const p of [...this.open.keys()]) this.release(p)
    await Promise.all(this.closing.values())
  }

  private schedule() {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.beating = this.beat().finally(() => this.schedule())
    }, this.opts.everyMs ?? 1000)
  }

  private async beat() {
    const { redis, partitions, member } = this.opts
    let members: string[]
    try {
      members = await redis.partitionHeartbeat(membersKey(partitions), member, this.opts.ttlMs ?? 4000)
    } catch (err) {
      // Redis away: keep what is open (its workers cannot take jobs either), try again next beat.
      this.opts.onError(err)
      return
    }
    if (this.stopped) return
    this.members = [...members].sort()
    this.apply(new Set(assignPartitions(this.members, partitions).get(member) ?? []))
  }

  private apply(mine: Set<number>) {
    for (const p of this.open.keys()) if (!mine.has(p)) this.release(p)
    for (const p of mine) {
      if (this.open.has(p) || this.closing.has(p)) continue
      try {
        this.open.set(p, this.opts.open(p))
      } catch (err) {
        this.opts.onError(err)
      }
    }
  }

  private release(p: number) {
    const consumer = this.open.get(p)!
    this.open.delete(p)
    const done = this.opts
      .close(consumer, p)
      .catch(this.opts.onError)
      .finally(() => this.closing.delete(p))
    this.closing.set(p, done)
  }
}
