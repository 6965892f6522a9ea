import { describe, expect, it } from 'vitest'
import { adminSuite } from '../helpers/admin-suite.ts'
import { createLocation, weekdays } from '../helpers/fixtures.ts'

const suite = adminSuite()
const { call, count, changes } = suite

const valid = { name: 'Centre', timezone: 'Europe/Moscow', work_schedule: weekdays([['09:00', '18:00']]) }

/** Bodies that must be refused, with the error code each gets. */
const badBodies: [string, unknown, string][] = [
  ['unknown time zone', { ...valid, timezone: 'Mars/Base' }, 'invalid_timezone'],
  ['fixed offset', { ...valid, timezone: '+03:00' }, 'invalid_timezone'],
  ['time zone of the wrong type', { ...valid, timezone: 3 }, 'invalid_input'],
  ['day key "7"', { ...valid, work_schedule: { '7': [['09:00', '18:00']] } }, 'invalid_schedule'],
  ['day key "mon"', { ...valid, work_schedule: { mon: [] } }, 'invalid_schedule'],
  ['time "9:00"', { ...valid, work_schedule: { '0': [['9:00', '18:00']] } }, 'invalid_schedule'],
  ['off-grid "09:10"', { ...valid, work_schedule: { '0': [['09:10', '18:00']] } }, 'invalid_schedule'],
  ['"25:00"', { ...valid, work_schedule: { '0': [['09:00', '25:00']] } }, 'invalid_schedule'],
  [
    'overlapping intervals',
    {
      ...valid,
      work_schedule: {
        '0': [
          ['09:00', '12:00'],
          ['11:00', '14:00'],
        ],
      },
    },
    'invalid_schedule',
  ],
  [
    'unsorted intervals',
    {
      ...valid,
      work_schedule: {
        '0': [
          ['14:00', '18:00'],
          ['09:00', '12:00'],
        ],
      },
    },
    'invalid_schedule',
  ],
  ['end before start', { ...valid, work_schedule: { '0': [['18:00', '09:00']] } }, 'invalid_schedule'],
  [
    'an interval of three',
    { ...valid, work_schedule: { '0': [['09:00', '12:00', '13:00']] } },
    'invalid_schedule',
  ],
  ['a day that is not a list', { ...valid, work_schedule: { '0': '09:00-18:00' } }, 'invalid_schedule'],
  ['a schedule that is a list', { ...valid, work_schedule: [['09:00', '18:00']] }, 'invalid_input'],
  ['unknown field', { ...valid, colour: 'red' }, 'invalid_input'],
  ['missing name', { timezone: 'Europe/Moscow' }, 'invalid_input'],
  ['blank name', { ...valid, name: '   ' }, 'invalid_input'],
  ['name too long', { ...valid, name: 'x'.repeat(201) }, 'invalid_input'],
  ['name of the wrong type', { ...valid, name: 42 }, 'invalid_input'],
  ['NUL in the address', { ...valid, address: 'a\u0000b' }, 'invalid_input'],
  ['active as a string', { ...valid, active: 'yes' }, 'invalid_input'],
]

describe('admin locations', () => {
  it('creates, reads, lists, updates and deletes a location', async () => {
    changes.length = 0
    const created = await call('POST', '/api/admin/locations', { ...valid, address: '1 Main St' })
    expect(created.statusCode).toBe(201)
    const loc = created.json()
    expect(loc).toEqual({
      id: expect.any(Number),
      name: 'Centre',
      address: '1 Main St',
      timezone: 'Europe/Moscow',
      work_schedule: valid.work_schedule,
      active: true,
      recalc: { job_ids: ['job-1'] },
    })
    expect(changes).toEqual([{ kind: 'location_schedule', locationId: loc.id }])

    const got = await call('GET', `/api/admin/locations/${loc.id}`)
    const { recalc: _recalc, ...stored } = loc
    expect(got.json()).toEqual(stored)
    expect((await call('GET', '/api/admin/locations')).json().items).toContainEqual(got.json())

    // A new name changes no grid: no recalc.
    const renamed = await call('PATCH', `/api/admin/locations/${loc.id}`, { name: 'Downtown' })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json()).toMatchObject({ name: 'Downtown', recalc: null })
    expect(changes).toHaveLength(1)

    const moved = await call('PATCH', `/api/admin/locations/${loc.id}`, { timezone: 'asia/yekaterinburg' })
    expect(moved.json()).toMatchObject({ timezone: 'Asia/Yekaterinburg', recalc: { job_ids: ['job-2'] } })

    const hours = {
      '0': [
        ['10:00', '14:00'],
        ['15:00', '24:00'],
      ],
      '5': [],
    }
    const scheduled = await call('PUT', `/api/admin/locations/${loc.id}/schedule`, { work_schedule: hours })
    expect(scheduled.statusCode).toBe(200)
    expect(scheduled.json()).toMatchObject({ work_schedule: hours, recalc: { job_ids: ['job-3'] } })
    expect(changes.at(-1)).toEqual({ kind: 'location_schedule', locationId: loc.id })
    const same = await call('PUT', `/api/admin/locations/${loc.id}/schedule`, { work_schedule: hours })
    expect(same.json().recalc).toBeNull()

    const deleted = await call('DELETE', `/api/admin/locations/${loc.id}`)
    expect(deleted.statusCode).toBe(200)
    expect(deleted.json()).toEqual({ id: loc.id, deleted: true, recalc: null })
    expect((await call('GET', `/api/admin/locations/${loc.id}`)).statusCode).toBe(404)
  })

  it('answers 404 for a location that does not exist', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/admin/locations/999999', undefined],
      ['PATCH', '/api/admin/locations/999999', { name: 'x' }],
      ['PUT', '/api/admin/locations/999999/schedule', { work_schedule: {} }],
      ['DELETE', '/api/admin/locations/999999', undefined],
    ] as const) {
      const res = await call(method, url, body)
      expect(res.statusCode, `${method} ${url}`).toBe(404)
      expect(res.json()).toEqual({ error: 'not_found', message: 'Location 999999 was not found.' })
    }
    expect((await call('GET', '/api/admin/locations/abc')).statusCode).toBe(422)
  })

  it.each(badBodies)('refuses a location with %s and writes nothing', async (_what, body, code) => {
    const before = await count('locations')
    const res = await call('POST', '/api/admin/locations', body)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ error: code, message: expect.any(String) })
    expect(await count('locations')).toBe(before)
  })

  it('says what is wrong with a schedule', async () => {
    const res = await call('POST', '/api/admin/locations', {
      ...valid,
      work_schedule: { '0': [['09:10', '18:00']] },
    })
    expect(res.json().message).toMatch(/15-minute grid/)
  })

  it.each(badBodies.filter(([, body]) => (body as { name?: unknown }).name !== undefined))(
    'refuses a change with %s and changes nothing',
    async (_what, body, code) => {
      const loc = await createLocation(suite.env.db)
      const before = await suite.env.db('locations').where({ id: loc.id }).first()
      const res = await call('PATCH', `/api/admin/locations/${loc.id}`, body)
      expect(res.statusCode).toBe(422)
      expect(res.json().error).toBe(code)
      expect(await suite.env.db('locations').where({ id: loc.id }).first()).toEqual(before)
    },
  )

  it('refuses an empty change and a malformed schedule replacement', async () => {
    const loc = await createLocation(suite.env.db)
    const before = await suite.env.db('locations').where({ id: loc.id }).first()
    expect((await call('PATCH', `/api/admin/locations/${loc.id}`, {})).statusCode).toBe(422)
    const bad = await call('PUT', `/api/admin/locations/${loc.id}/schedule`, {
      work_schedule: { '0': [['9', '10']] },
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().error).toBe('invalid_schedule')
    expect((await call('PUT', `/api/admin/locations/${loc.id}/schedule`, {})).statusCode).toBe(422)
    expect(await suite.env.db('locations').where({ id: loc.id }).first()).toEqual(before)
  })

  it('refuses a huge body with 413 and a body that is not JSON with 400', async () => {
    const before = await count('locations')
    const huge = await call('POST', '/api/admin/locations', { ...valid, address: 'x'.repeat(200_000) })
    expect(huge.statusCode).toBe(413)
    expect(huge.json()).toMatchObject({ error: 'payload_too_large' })
    const broken = await suite.app.inject({
      method: 'POST',
      url: '/api/admin/locations',
      headers: { ...suite.headers, 'content-type': 'application/json' },
      payload: '{"name": ',
    })
    expect(broken.statusCode).toBe(400)
    expect(await count('locations')).toBe(before)
  })

  it('refuses to delete a location with rooms (409) and retires it with active: false', async () => {
    const loc = await createLocation(suite.env.db, { name: 'Busy' })
    await suite.env.db('rooms').insert({ location_id: loc.id, name: 'R1' })
    const res = await call('DELETE', `/api/admin/locations/${loc.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'in_use', message: expect.stringMatching(/deactivate/) })
    expect(await suite.env.db('locations').where({ id: loc.id }).first()).toBeDefined()

    const retired = await call('PATCH', `/api/admin/locations/${loc.id}`, { active: false })
    expect(retired.json()).toMatchObject({ active: false, recalc: { job_ids: expect.any(Array) } })
    const open = (await suite.app.inject({ url: '/api/locations' })).json().items as { id: number }[]
    expect(open.map((l) => l.id)).not.toContain(loc.id)
  })

  it('keeps working when the recalc hook fails: the write stands, recalc is null', async () => {
    const hook = suite.app.deps.onSetupChange
    suite.app.deps.onSetupChange = async () => {
      throw new Error('queue down')
    }
    try {
      const res = await call('POST', '/api/admin/locations', valid)
      expect(res.statusCode).toBe(201)
      expect(res.json().recalc).toBeNull()
      expect(await suite.env.db('locations').where({ id: res.json().id }).first()).toBeDefined()
    } finally {
      suite.app.deps.onSetupChange = hook
    }
  })
})
