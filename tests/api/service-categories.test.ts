// Service categories: admins create, rename, move and delete them, give services one, and the
// public service list carries each service's category and is ordered by it.
import { describe, expect, it } from 'vitest'
import { adminSuite } from '../helpers/admin-suite.ts'

const suite = adminSuite()
const { call, count } = suite

const service = { duration_minutes: 30, price: 1000 }

async function createCategory(name: string, position?: number) {
  const res = await call('POST', '/api/admin/service-categories', {
    name,
    ...(position !== undefined && { position }),
  })
  expect(res.statusCode).toBe(201)
  return res.json() as { id: number; name: string; position: number }
}

async function createService(name: string, category_id?: number | null) {
  const res = await call('POST', '/api/admin/services', {
    name,
    ...service,
    ...(category_id !== undefined && { category_id }),
  })
  expect(res.statusCode).toBe(201)
  return res.json() as { id: number; category_id: number | null }
}

describe('service categories', () => {
  it('are created, listed by position then name, renamed and moved', async () => {
    const colour = await createCategory('Окрашивание', 2)
    const cuts = await createCategory('Стрижки', 1)
    const nails = await createCategory('Маникюр', 2)
    const unplaced = await createCategory('Брови')
    expect(unplaced).toEqual({ id: expect.any(Number), name: 'Брови', position: 0 })

    const listed = await call('GET', '/api/admin/service-categories')
    expect(listed.statusCode).toBe(200)
    expect(listed.json().items.map((c: { name: string }) => c.name)).toEqual([
      'Брови',
      'Стрижки',
      'Маникюр',
      'Окрашивание',
    ])
    expect(listed.json().total).toBe(4)

    const moved = await call('PATCH', `/api/admin/service-categories/${unplaced.id}`, {
      position: 9,
      name: 'Брови и ресницы',
    })
    expect(moved.json()).toEqual({ id: unplaced.id, name: 'Брови и ресницы', position: 9 })
    expect((await call('PATCH', `/api/admin/service-categories/${cuts.id}`, {})).statusCode).toBe(422)
    expect((await call('PATCH', '/api/admin/service-categories/999999', { name: 'X' })).statusCode).toBe(404)
    for (const c of [colour, nails]) expect(c.position).toBe(2)
  })

  it('refuses a blank name or an unknown field with a message naming it', async () => {
    const blank = await call('POST', '/api/admin/service-categories', { name: '  ' })
    expect(blank.statusCode).toBe(422)
    expect(blank.json().message).toMatch(/name/)
    const unknown = await call('POST', '/api/admin/service-categories', { name: 'X', colour: 'red' })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().message).toMatch(/colour/)
  })

  it('are given to services, which answer with category_id; an unknown one is 422', async () => {
    const cat = await createCategory('Массаж', 4)
    const svc = await createService('Массаж спины', cat.id)
    expect(svc.category_id).toBe(cat.id)
    expect((await call('GET', `/api/admin/services/${svc.id}`)).json().category_id).toBe(cat.id)

    const unknown = await call('POST', '/api/admin/services', { name: 'X', ...service, category_id: 999999 })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().error).toBe('unknown_category')
    const cleared = await call('PATCH', `/api/admin/services/${svc.id}`, { category_id: null })
    expect(cleared.json().category_id).toBeNull()
    const badPatch = await call('PATCH', `/api/admin/services/${svc.id}`, { category_id: 999999 })
    expect(badPatch.json().error).toBe('unknown_category')
  })

  it('cannot be deleted while a service names them (409 in_use), and can once none does', async () => {
    const cat = await createCategory('Уход за лицом', 5)
    const svc = await createService('Чистка лица', cat.id)
    const refused = await call('DELETE', `/api/admin/service-categories/${cat.id}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ error: 'in_use', in_use_by: { services: 1 } })
    expect(refused.json().message).toMatch(/category_id/)
    expect(await suite.env.db('service_categories').where({ id: cat.id }).first()).toBeDefined()

    await call('PATCH', `/api/admin/services/${svc.id}`, { category_id: null })
    const deleted = await call('DELETE', `/api/admin/service-categories/${cat.id}`)
    expect(deleted.json()).toEqual({ id: cat.id, deleted: true })
    expect((await call('DELETE', `/api/admin/service-categories/${cat.id}`)).statusCode).toBe(404)
  })

  it('are for admins only', async () => {
    const before = await count('service_categories')
    const anonymous = await suite.app.inject({
      method: 'POST',
      url: '/api/admin/service-categories',
      payload: { name: 'X' },
    })
    expect(anonymous.statusCode).toBe(401)
    expect(await count('service_categories')).toBe(before)
  })
})

describe('GET /api/services', () => {
  it('carries each service category and orders by category position, then name; none last', async () => {
    await suite.env.db('services').update({ active: false })
    const second = await createCategory('Второй ряд', 20)
    const first = await createCategory('Первый ряд', 10)
    await createService('Яблоко', first.id)
    await createService('Арбуз', first.id)
    await createService('Банан', second.id)
    await createService('Без группы')
    const res = await suite.app.inject({ url: '/api/services' })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { name: string; category: unknown }[]
    expect(items.map((s) => s.name)).toEqual(['Арбуз', 'Яблоко', 'Банан', 'Без группы'])
    expect(items[0]!.category).toEqual({ id: first.id, name: 'Первый ряд', position: 10 })
    expect(items[2]!.category).toEqual({ id: second.id, name: 'Второй ряд', position: 20 })
    expect(items[3]!.category).toBeNull()
  })
})
