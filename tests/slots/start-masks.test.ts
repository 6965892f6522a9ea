// The memoised masks must say exactly what the grid module says, however often they are asked.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { encodeGrid, startCells, cellsToTimes } from '../../src/domain/day-grid.ts'
import { hasCell, shapeKey, StartMasks } from '../../src/slots/start-masks.ts'
import { runs } from '../domain/fast-check-seed.ts'

const grid = fc.uint8Array({ minLength: 96, maxLength: 96, min: 0, max: 1 })

describe('StartMasks', () => {
  it('agrees with startCells for random grids, rooms, durations and breaks (asked twice)', () => {
    const masks = new StartMasks()
    fc.assert(
      fc.property(
        grid,
        fc.array(grid, { maxLength: 3 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 8 }),
        (specialist, rooms, duration, brk) => {
          const expected = startCells(specialist, {
            durationCells: duration,
            breakCells: brk,
            roomDays: rooms,
          })
          for (let round = 0; round < 2; round++) {
            const roomHexes = rooms.map(encodeGrid)
            const shape = shapeKey(roomHexes, duration, brk)
            const m = masks.start(encodeGrid(specialist), roomHexes, duration, brk, shape)
            const cells = Array.from({ length: 96 }, (_, c) => c).filter((c) => hasCell(m, c))
            expect(cells).toEqual(expected)
            const times = masks.times(m)
            expect(times ? JSON.parse(`[${times}]`) : []).toEqual(cellsToTimes(expected))
          }
        },
      ),
      { numRuns: runs(1000, 100) },
    )
  })
})
