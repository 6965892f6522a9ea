// The grids a booking's transaction built (its re-check's reads with the new booking added) are the
// ones stored after the commit: they must be exactly what PostgreSQL gives once it has committed,
// at the version the transaction bumped to, for the specialist and the room. Real PostgreSQL, Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createRoom, createWorld } from '../helpers/fixtures.ts'
import { encodeGrid } from '../../src/domain/day-grid.ts'
import { computeRoomGrids, computeSpecialistGrids } from '../../src/slots/grid-builder.ts'
import { roomDayKey, specialistDayKey } from '../../src/slots/keys.ts'
import { IntentProcessor, type ProcessorDeps } from '../../src/workers/intent-processor.ts'
import { intentProcessorDeps, pendingCreate } from '../helpers/intent-processor-deps.ts'

let env: TestEnv
let deps: ProcessorDeps
let closeQueues: () => Promise<void>
beforeAll(async () => {
  env = await createTestEnv()
  ;({ deps, close: closeQueues } = intentProcessorDeps(env))
})
afterAll(async () => {
  await closeQueues?.()
  await env?.close()
})

describe('grids built in the booking transaction', () => {
  it('are stored as PostgreSQL computes them after the commit, with their versions', async () => {
    const w = await createWorld(env.db)
    const room = await createRoom(env.db, w.location.id, [w.service.id])
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!
    const processor = new IntentProcessor(deps)
    // Two bookings on the day: the second grid holds both.
    for (const time of ['10:00', '14:30']) {
      const startsAt = DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/Moscow' }).toUTC().toISO()!
      const result = await processor.process(await pendingCreate(env, w, startsAt, 'on_site'))
      expect(result).toMatchObject({ final: true, status: 201 })
    }
    const specialist = await computeSpecialistGrids(env.db, w.specialist.id, [date])
    const roomGrids = await computeRoomGrids(env.db, room.id, [date])
    // Two bumps each, from the first version.
    expect(specialist.version).toBe(3)
    expect(roomGrids.version).toBe(3)
    expect(await env.redis.get(specialistDayKey(w.specialist.id, date))).toBe(
      `3:${encodeGrid(specialist.grids.get(date)!)}`,
    )
    expect(await env.redis.get(roomDayKey(room.id, date))).toBe(`3:${encodeGrid(roomGrids.grids.get(date)!)}`)
    // The bookings are in them: 10:00–11:15 and 14:30–15:45 held for the specialist.
    const cells = specialist.grids.get(date)!
    expect([cells[40], cells[44], cells[58], cells[62], cells[63]]).toEqual([0, 0, 0, 0, 1])
  })
})
