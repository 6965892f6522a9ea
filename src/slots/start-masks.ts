// Start times as 96-bit masks (three 32-bit words: cells 0–31, 32–63, 64–95), memoised. The same
// stored grids recur week after week (a grid is its schedule minus its bookings), so the read path
// mostly looks up what it computed before: the start mask of a (specialist grid, room grids,
// duration, break) and the JSON fragment of a mask. Both memos are bounded.
import { decodeGrid, startGrid } from '../domain/day-grid.ts'
import { cellToTime } from '../domain/schedule.ts'

export type Mask = [number, number, number]

const QUOTED_TIMES = Array.from({ length: 96 }, (_, i) => `"${cellToTime(i)}"`)

/** Start masks by grid hex, then by shape (rooms, duration, break); forgets all when full. */
class StartMemo {
  private readonly byGrid = new Map<string, Map<string, Mask>>()
  private size = 0
  constructor(private readonly limit: number) {}
  get(hex: string, shape: string, compute: () => Mask): Mask {
    let inner = this.byGrid.get(hex)
    if (!inner) {
      if (this.size >= this.limit) {
        this.byGrid.clear()
        this.size = 0
      }
      inner = new Map()
      this.byGrid.set(hex, inner)
    }
    let m = inner.get(shape)
    if (!m) {
      m = compute()
      inner.set(shape, m)
      this.size++
    }
    return m
  }
}

export function maskOfGrid(grid: Uint8Array): Mask {
  const m: Mask = [0, 0, 0]
  for (let c = 0; c < 96; c++) if (grid[c]) m[c >> 5]! |= 1 << (c & 31)
  return m
}

export const hasCell = (m: Mask, c: number) => ((m[c >> 5]! >>> (c & 31)) & 1) === 1

/** The shape part of a start-mask key; build it once per plan and day, not per lookup. */
export const shapeKey = (roomHexes: readonly string[], durationCells: number, breakCells: number) =>
  `${roomHexes.join(',')}|${durationCells}|${breakCells}`

export class StartMasks {
  private readonly starts = new StartMemo(100_000)
  // Fragments by the three words of their mask: number keys, no string building per lookup.
  private readonly fragments = new Map<number, Map<number, Map<number, string>>>()
  private fragmentCount = 0

  /**
   * Start cells of a service on a specialist's day, given the stored grids as hex: the specialist's
   * and, when the service needs a room, those of its rooms (at least one must be free). `shape` is
   * `shapeKey(roomHexes, durationCells, breakCells)`.
   */
  start(
    specialistHex: string,
    roomHexes: string[],
    durationCells: number,
    breakCells: number,
    shape: string,
  ): Mask {
    return this.starts.get(specialistHex, shape, () =>
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
    let a = this.fragments.get(m[0])
    if (!a) this.fragments.set(m[0], (a = new Map()))
    let b = a.get(m[1])
    if (!b) a.set(m[1], (b = new Map()))
    let f = b.get(m[2])
    if (f === undefined) {
      if (this.fragmentCount >= 50_000) {
        this.fragments.clear()
        this.fragmentCount = 0
      }
      const parts: string[] = []
      for (let c = 0; c < 96; c++) if (hasCell(m, c)) parts.push(QUOTED_TIMES[c]!)
      f = parts.join(',')
      b.set(m[2], f)
      this.fragmentCount++
    }
    return f
  }
}
