// Start times as 96-bit masks (three 32-bit words: cells 0–31, 32–63, 64–95), memoised. The same
// stored grids recur week after week (a grid is its schedule minus its bookings), so the read path
// mostly looks up what it computed before: the start mask of a (specialist grid, room grids,
// duration, break) and the JSON fragment of a mask. Both memos are bounded.
import { decodeGrid, startGrid } from '../domain/grid.ts'
import { cellToTime } from '../domain/schedule.ts'

export type Mask = [number, number, number]

const QUOTED_TIMES = Array.from({ length: 96 }, (_, i) => `"${cellToTime(i)}"`)

/** A Map that forgets everything when full: simple, and a hot working set refills at once. */
class Memo<V> {
  private readonly map = new Map<string, V>()
  constructor(private readonly limit: number) {}
  get(key: string, compute: () => V): V {
    let v = this.map.get(key)
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear()
      v = compute()
      this.map.set(key, v)
    }
    return v
  }
}

export function maskOfGrid(grid: Uint8Array): Mask {
  const m: Mask = [0, 0, 0]
  for (let c = 0; c < 96; c++) if (grid[c]) m[c >> 5]! |= 1 << (c & 31)
  return m
}

export const hasCell = (m: Mask, c: number) => ((m[c >> 5]! >>> (c & 31)) & 1) === 1

export class StartMasks {
  private readonly starts = new Memo<Mask>(100_000)
  private readonly fragments = new Memo<string>(50_000)

  /**
   * Start cells of a service on a specialist's day, given the stored grids as hex: the specialist's
   * and, when the service needs a room, those of its rooms (at least one must be free).
   */
  start(specialistHex: string, roomHexes: string[], durationCells: number, breakCells: number): Mask {
    const key = `${specialistHex}|${roomHexes.join(',')}|${durationCells}|${breakCells}`
    return this.starts.get(key, () =>
      maskOfGrid(
        startGrid(decodeGrid(specialistHex), {
          durationCells,
          breakCells,
          roomDays: roomHexes.map(decodeGrid),
        }),
      ),
    )
  }

  /** `"09:00","09:15",…` for the cells of a mask ('' when none). */
  times(m: Mask): string {
    return this.fragments.get(`${m[0]},${m[1]},${m[2]}`, () => {
      const parts: string[] = []
      for (let c = 0; c < 96; c++) if (hasCell(m, c)) parts.push(QUOTED_TIMES[c]!)
      return parts.join(',')
    })
  }
}
