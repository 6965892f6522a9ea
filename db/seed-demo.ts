// Demo data of SPEC §9: one salon with two locations in different time zones (Berlin has DST,
// Moscow does not), rooms, services (some needing a room), seven specialists, packages, and the
// three demo logins. `seedDemo` is idempotent; run as a script it seeds DATABASE_URL.
import { pathToFileURL } from 'node:url'
import type { Knex } from 'knex'
import { createDb } from '../src/data/db.ts'
import { hashPassword } from '../src/infra/password.ts'

export const DEMO_COMPANY_NAME = 'Studio Demo'
export const DEFAULT_DEMO_PASSWORD = 'demo12345'

export interface SeedDemoOptions {
  /** Password of every demo user. */
  password: string
}

export interface SeedDemoSummary {
  /** False when the company row already existed and nothing was written. */
  created: boolean
  logins: Array<{ role: 'admin' | 'specialist' | 'client'; login: string }>
}

const LOGINS: SeedDemoSummary['logins'] = [
  { role: 'admin', login: 'admin@demo.test' },
  { role: 'specialist', login: 'specialist@demo.test' },
  { role: 'client', login: 'client@demo.test' },
]

const COMPANY_SETTINGS = {
  booking_horizon_days: 60,
  min_lead_minutes: 60,
  free_cancellation_hours: 24,
  late_cancellation_fee_percent: 50,
  late_cancellation_consumes_visit: true,
  reminder_offsets_minutes: [1440, 120],
  prepayment: 'none',
}

/** SPEC §3 schedule JSON: "0" is Monday … "6" Sunday; a missing key is a day off. */
type Schedule = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', Array<[string, string]>>>

const days = (keys: string, intervals: Array<[string, string]>): Schedule =>
  Object.fromEntries([...keys].map((k) => [k, intervals])) as Schedule

// jsonb columns get their JSON text: node-postgres would turn a JS array into a PostgreSQL array.
const json = (value: unknown) => JSON.stringify(value)

async function insertId(trx: Knex.Transaction, table: string, row: Record<string, unknown>): Promise<number> {
  const [inserted] = (await trx(table).insert(row).returning('id')) as Array<{ id: number }>
  return inserted!.id
}

export async function seedDemo(db: Knex, opts: SeedDemoOptions): Promise<SeedDemoSummary> {
  // Hashed once outside the transaction (it takes a moment) and shared by every demo user.
  const passwordHash = await hashPassword(opts.password)
  const created = await db.transaction(async (trx) => {
    // The company row doubles as the "already seeded" marker; ON CONFLICT makes a concurrent
    // second seeder wait for the first and then write nothing.
    const company = await trx('company')
      .insert({
        id: 1,
        name: DEMO_COMPANY_NAME,
        currency: 'RUB',
        timezone: 'Europe/Moscow',
        settings: json(COMPANY_SETTINGS),
      })
      .onConflict('id')
      .ignore()
      .returning('id')
    if (company.length === 0) return false
    await insertDemoData(trx, passwordHash)
    return true
  })
  return { created, logins: LOGINS }
}

async function insertDemoData(trx: Knex.Transaction, passwordHash: string) {
  const user = async (
    row: { name: string; email: string; phone: string; language?: 'ru' | 'en'; gender?: string },
    roles: Array<'client' | 'specialist' | 'admin'>,
  ) => {
    const id = await insertId(trx, 'users', { ...row, password_hash: passwordHash })
    await trx('user_roles').insert(roles.map((role) => ({ user_id: id, role })))
    return id
  }

  // Locations: Moscow keeps UTC+3 all year; Berlin switches between CET and CEST.
  const moscow = await insertId(trx, 'locations', {
    name: 'Moscow — Tverskaya',
    address: 'Tverskaya St 12, Moscow',
    timezone: 'Europe/Moscow',
    work_schedule: json({ ...days('012345', [['09:00', '21:00']]), '6': [['10:00', '18:00']] }),
  })
  const berlin = await insertId(trx, 'locations', {
    name: 'Berlin — Mitte',
    address: 'Torstraße 101, 10119 Berlin',
    timezone: 'Europe/Berlin',
    work_schedule: json({ ...days('01234', [['08:00', '20:00']]), '5': [['09:00', '16:00']], '6': [] }),
  })

  const room = (location_id: number, name: string) => insertId(trx, 'rooms', { location_id, name })
  const moscowMassage = await room(moscow, 'Massage room')
  const moscowCosmetology = await room(moscow, 'Cosmetology room')
  const berlinMassage = await room(berlin, 'Massage room')
  const berlinTreatment = await room(berlin, 'Treatment room')

  // Prices are integer kopecks.
  const service = (name: string, description: string, duration: number, pause: number, price: number) =>
    insertId(trx, 'services', {
      name,
      description,
      duration_minutes: duration,
      break_minutes: pause,
      price,
    })
  const womensCut = await service("Women's haircut", 'Wash, cut and styling.', 60, 15, 250_000)
  const mensCut = await service("Men's haircut", 'Clipper and scissors cut.', 45, 10, 150_000)
  const colouring = await service('Hair colouring', 'Single-tone colouring.', 120, 30, 600_000)
  const manicure = await service('Manicure', 'Classic manicure with gel polish.', 90, 15, 200_000)
  const massage = await service('Classic massage', 'Full-body massage.', 60, 15, 350_000)
  const facial = await service('Facial cleansing', 'Deep cleansing facial.', 75, 15, 400_000)
  await trx('service_rooms').insert([
    { service_id: massage, room_id: moscowMassage },
    { service_id: massage, room_id: berlinMassage },
    { service_id: facial, room_id: moscowCosmetology },
    { service_id: facial, room_id: berlinTreatment },
  ])

  const specialist = async (
    person: { name: string; email: string; phone: string; language?: 'ru' | 'en'; gender?: string },
    location_id: number,
    title: string,
    schedule: Schedule,
    services: Array<{ service_id: number; price?: number; duration_minutes?: number }>,
  ) => {
    const userId = await user(person, ['specialist'])
    const id = await insertId(trx, 'specialists', {
      user_id: userId,
      location_id,
      title,
      work_schedule: json(schedule),
    })
    await trx('specialist_services').insert(services.map((s) => ({ specialist_id: id, ...s })))
    return id
  }

  // Moscow.
  await specialist(
    { name: 'Anna Smirnova', email: 'specialist@demo.test', phone: '+79990000101', gender: 'female' },
    moscow,
    'Senior stylist',
    days('01234', [['10:00', '19:00']]),
    [{ service_id: womensCut }, { service_id: mensCut }, { service_id: colouring, price: 700_000 }],
  )
  await specialist(
    { name: 'Dmitry Volkov', email: 'dmitry.volkov@demo.test', phone: '+79990000102', gender: 'male' },
    moscow,
    'Barber',
    {
      ...days('135', [['12:00', '21:00']]),
      ...days('24', [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ]),
    },
    [{ service_id: mensCut, duration_minutes: 40 }],
  )
  await specialist(
    { name: 'Elena Petrova', email: 'elena.petrova@demo.test', phone: '+79990000103', gender: 'female' },
    moscow,
    'Massage therapist',
    { ...days('0246', [['10:00', '18:00']]) },
    [{ service_id: massage }],
  )
  await specialist(
    { name: 'Olga Ivanova', email: 'olga.ivanova@demo.test', phone: '+79990000104', gender: 'female' },
    moscow,
    'Cosmetologist',
    days('12345', [['11:00', '20:00']]),
    [{ service_id: facial }, { service_id: manicure }],
  )
  // Berlin.
  await specialist(
    {
      name: 'Lena Schmidt',
      email: 'lena.schmidt@demo.test',
      phone: '+4915100000201',
      language: 'en',
      gender: 'female',
    },
    berlin,
    'Stylist',
    { ...days('0123', [['08:00', '16:00']]), '5': [['09:00', '16:00']] },
    [{ service_id: womensCut, price: 300_000 }, { service_id: colouring }],
  )
  await specialist(
    {
      name: 'Max Müller',
      email: 'max.mueller@demo.test',
      phone: '+4915100000202',
      language: 'en',
      gender: 'male',
    },
    berlin,
    'Massage therapist',
    days('01234', [['12:00', '20:00']]),
    [{ service_id: massage }],
  )
  await specialist(
    {
      name: 'Sofia Weber',
      email: 'sofia.weber@demo.test',
      phone: '+4915100000203',
      language: 'en',
      gender: 'female',
    },
    berlin,
    'Beautician',
    { ...days('234', [['09:00', '18:00']]), '5': [['09:00', '15:00']] },
    [{ service_id: manicure }, { service_id: facial }],
  )

  const massagePackage = await insertId(trx, 'service_packages', {
    name: 'Classic massage ×5',
    composition: json({ items: [{ service_id: massage, count: 5 }], valid_days: 90 }),
    price: 1_500_000,
  })
  await insertId(trx, 'service_packages', {
    name: 'Manicure ×4',
    composition: json({ items: [{ service_id: manicure, count: 4 }], valid_days: 120 }),
    price: 700_000,
  })
  await insertId(trx, 'service_packages', {
    name: 'Haircut and colouring',
    composition: json({
      items: [
        { service_id: womensCut, count: 2 },
        { service_id: colouring, count: 1 },
      ],
      valid_days: 60,
    }),
    price: 1_000_000,
  })

  await user(
    { name: 'Ivan Administratorov', email: 'admin@demo.test', phone: '+79990000001', gender: 'male' },
    ['admin'],
  )
  const client = await user(
    { name: 'Maria Kuznetsova', email: 'client@demo.test', phone: '+79990000002', gender: 'female' },
    ['client'],
  )

  // The balance starts at 0 and moves only through the ledger (a trigger applies each row).
  await trx('client_wallets').insert({ client_id: client })
  await trx('wallet_transactions').insert({
    client_id: client,
    kind: 'deposit',
    amount: 1_000_000,
    comment: 'Demo deposit',
    idempotency_key: 'demo-seed-deposit',
  })
  const clientPackage = await insertId(trx, 'client_packages', {
    client_id: client,
    service_package_id: massagePackage,
    price_paid: 1_500_000,
    expires_at: trx.raw(`now() + interval '90 days'`),
  })
  await trx('client_package_items').insert({
    client_package_id: clientPackage,
    service_id: massage,
    total: 5,
    remaining: 5,
  })
  await trx('client_discounts').insert({
    client_id: client,
    kind: 'percent',
    value: 10,
    valid_from: trx.fn.now(),
    note: 'Demo: personal discount',
  })
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.error('DATABASE_URL is not set: export it (e.g. postgres://postgres@127.0.0.1:5432/booking).')
    return 1
  }
  const db = createDb(url, { pool: 1 })
  try {
    const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD
    const summary = await seedDemo(db, { password })
    if (!summary.created) {
      console.log('demo data: already present (the company row exists); nothing written')
      return 0
    }
    console.log('demo data loaded; logins:')
    for (const { role, login } of summary.logins) console.log(`  ${role.padEnd(10)} ${login} / ${password}`)
    return 0
  } catch (err) {
    const message = err instanceof Error ? err.message || err.name : String(err)
    console.error(`seed:demo failed: ${message.split('\n')[0]}`)
    return 1
  } finally {
    await db.destroy()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main()
