// Demo data: one Russian-speaking salon in Latvia and Germany, «Лада», priced in euros — its
// main salon in Riga and a branch in Berlin, two time zones that both switch to summer time — with
// rooms, services (some needing a room), seven specialists, packages, the three demo logins, a few
// more clients and confirmed bookings over the coming week (db/seed-demo-bookings.ts).
// `seedDemo` is idempotent; run as a script it seeds DATABASE_URL.
import { pathToFileURL } from 'node:url'
import type { Knex } from 'knex'
import { createDb } from '../src/data/db.ts'
import { hashPassword } from '../src/infra/password.ts'
import { insertDemoBookings, type DemoSpecialist, type Schedule } from './seed-demo-bookings.ts'

export const DEMO_COMPANY_NAME = 'Салон красоты «Лада»'
export const DEMO_CURRENCY = 'EUR'
export const DEFAULT_DEMO_PASSWORD = 'demo12345'

export interface SeedDemoOptions {
  /** Password of every demo user. */
  password: string
  /** The moment the demo bookings are placed after (they fill the week from here); default now. */
  now?: Date
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
        currency: DEMO_CURRENCY,
        timezone: 'Europe/Riga',
        settings: json(COMPANY_SETTINGS),
      })
      .onConflict('id')
      .ignore()
      .returning('id')
    if (company.length === 0) return false
    await insertDemoData(trx, passwordHash, opts.now ?? new Date())
    return true
  })
  return { created, logins: LOGINS }
}

interface Person {
  name: string
  email: string
  phone: string
  gender: 'female' | 'male'
}

async function insertDemoData(trx: Knex.Transaction, passwordHash: string, now: Date) {
  const user = async (person: Person, roles: Array<'client' | 'specialist' | 'admin'>) => {
    const id = await insertId(trx, 'users', { ...person, language: 'ru', password_hash: passwordHash })
    await trx('user_roles').insert(roles.map((role) => ({ user_id: id, role })))
    return id
  }

  // Both cities switch to summer time (Riga EET/EEST, Berlin CET/CEST), an hour apart.
  const riga = { zone: 'Europe/Riga' }
  const berlin = { zone: 'Europe/Berlin' }
  const rigaId = await insertId(trx, 'locations', {
    name: 'Рига — Центр',
    address: 'ул. Бривибас, 55, Рига, LV-1010',
    timezone: riga.zone,
    work_schedule: json({ ...days('012345', [['09:00', '21:00']]), '6': [['10:00', '18:00']] }),
  })
  const berlinId = await insertId(trx, 'locations', {
    name: 'Берлин — Шарлоттенбург',
    address: 'Kantstraße 45, 10625 Берлин',
    timezone: berlin.zone,
    work_schedule: json({ ...days('01234', [['08:00', '20:00']]), '5': [['09:00', '16:00']], '6': [] }),
  })

  const room = (location_id: number, name: string) => insertId(trx, 'rooms', { location_id, name })
  const rigaMassage = await room(rigaId, 'Массажный кабинет')
  const rigaCosmetology = await room(rigaId, 'Косметологический кабинет')
  const berlinMassage = await room(berlinId, 'Массажный кабинет')
  const berlinTreatment = await room(berlinId, 'Кабинет ухода за лицом')

  // How the site groups the services, in this order.
  const category = (name: string, position: number) => insertId(trx, 'service_categories', { name, position })
  const hair = await category('Стрижки', 1)
  const colour = await category('Окрашивание', 2)
  const nails = await category('Маникюр', 3)
  const body = await category('Массаж', 4)
  const face = await category('Уход за лицом', 5)

  // Prices are integer cents.
  const catalogue = new Map<number, { price: number; duration: number; pause: number }>()
  const service = async (
    name: string,
    description: string,
    duration: number,
    pause: number,
    price: number,
    category_id: number,
  ) => {
    const id = await insertId(trx, 'services', {
      name,
      description,
      duration_minutes: duration,
      break_minutes: pause,
      price,
      category_id,
    })
    catalogue.set(id, { price, duration, pause })
    return id
  }
  const womensCut = await service('Женская стрижка', 'Мытьё головы, стрижка и укладка.', 60, 15, 4_500, hair)
  const mensCut = await service(
    'Мужская стрижка',
    'Стрижка машинкой и ножницами, мытьё головы.',
    45,
    10,
    2_500,
    hair,
  )
  const colouring = await service(
    'Окрашивание волос',
    'Окрашивание в один тон и уход после него.',
    120,
    30,
    9_000,
    colour,
  )
  const manicure = await service(
    'Маникюр',
    'Классический маникюр с покрытием гель-лаком.',
    90,
    15,
    3_500,
    nails,
  )
  const massage = await service('Классический массаж', 'Общий массаж тела, 60 минут.', 60, 15, 5_500, body)
  const facial = await service(
    'Чистка лица',
    'Глубокая чистка лица и уход по типу кожи.',
    75,
    15,
    6_000,
    face,
  )
  // Each of these rooms serves one specialist, so demo bookings never compete for a room.
  const roomOf: Record<number, Record<number, number>> = {
    [massage]: { [rigaId]: rigaMassage, [berlinId]: berlinMassage },
    [facial]: { [rigaId]: rigaCosmetology, [berlinId]: berlinTreatment },
  }
  await trx('service_rooms').insert(
    Object.entries(roomOf).flatMap(([serviceId, byLocation]) =>
      Object.values(byLocation).map((room_id) => ({ service_id: Number(serviceId), room_id })),
    ),
  )

  const specialists: DemoSpecialist[] = []
  const specialist = async (
    person: Person,
    location: { id: number; zone: string },
    title: string,
    schedule: Schedule,
    services: Array<{ service_id: number; price?: number; duration_minutes?: number }>,
  ) => {
    const userId = await user(person, ['specialist'])
    const id = await insertId(trx, 'specialists', {
      user_id: userId,
      location_id: location.id,
      title,
      work_schedule: json(schedule),
    })
    await trx('specialist_services').insert(services.map((s) => ({ specialist_id: id, ...s })))
    specialists.push({
      id,
      userId,
      locationId: location.id,
      zone: location.zone,
      schedule,
      services: services.map((s) => {
        const base = catalogue.get(s.service_id)!
        return {
          serviceId: s.service_id,
          price: s.price ?? base.price,
          durationMin: s.duration_minutes ?? base.duration,
          breakMin: base.pause,
          roomId: roomOf[s.service_id]?.[location.id] ?? null,
        }
      }),
    })
    return id
  }

  const rigaAt = { id: rigaId, zone: riga.zone }
  const berlinAt = { id: berlinId, zone: berlin.zone }
  const anna = await specialist(
    { name: 'Анна Смирнова', email: 'specialist@demo.test', phone: '+37120000101', gender: 'female' },
    rigaAt,
    'Старший стилист',
    days('01234', [['10:00', '19:00']]),
    [{ service_id: womensCut }, { service_id: mensCut }, { service_id: colouring, price: 10_000 }],
  )
  await specialist(
    { name: 'Дмитрий Волков', email: 'dmitry.volkov@demo.test', phone: '+37120000102', gender: 'male' },
    rigaAt,
    'Барбер',
    {
      ...days('135', [['12:00', '21:00']]),
      ...days('24', [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ]),
    },
    [{ service_id: mensCut, duration_minutes: 40 }],
  )
  const elena = await specialist(
    { name: 'Елена Петрова', email: 'elena.petrova@demo.test', phone: '+37120000103', gender: 'female' },
    rigaAt,
    'Массажист',
    days('0246', [['10:00', '18:00']]),
    [{ service_id: massage }],
  )
  const olga = await specialist(
    { name: 'Ольга Иванова', email: 'olga.ivanova@demo.test', phone: '+37120000104', gender: 'female' },
    rigaAt,
    'Косметолог',
    days('12345', [['11:00', '20:00']]),
    [{ service_id: facial }, { service_id: manicure }],
  )
  await specialist(
    { name: 'Ирина Шмидт', email: 'irina.schmidt@demo.test', phone: '+4915100000201', gender: 'female' },
    berlinAt,
    'Стилист',
    { ...days('0123', [['08:00', '16:00']]), '5': [['09:00', '16:00']] },
    [{ service_id: womensCut, price: 6_000 }, { service_id: colouring }],
  )
  await specialist(
    { name: 'Максим Кравец', email: 'maksim.kravets@demo.test', phone: '+4915100000202', gender: 'male' },
    berlinAt,
    'Массажист',
    days('01234', [['12:00', '20:00']]),
    [{ service_id: massage, price: 6_500 }],
  )
  await specialist(
    { name: 'Софья Лебедева', email: 'sofia.lebedeva@demo.test', phone: '+4915100000203', gender: 'female' },
    berlinAt,
    'Мастер маникюра и косметолог',
    { ...days('234', [['09:00', '18:00']]), '5': [['09:00', '15:00']] },
    [{ service_id: manicure }, { service_id: facial }],
  )

  const massagePackage = await insertId(trx, 'service_packages', {
    name: 'Классический массаж ×5',
    composition: json({ items: [{ service_id: massage, count: 5 }], valid_days: 90 }),
    price: 25_000,
  })
  await insertId(trx, 'service_packages', {
    name: 'Маникюр ×4',
    composition: json({ items: [{ service_id: manicure, count: 4 }], valid_days: 120 }),
    price: 12_000,
  })
  await insertId(trx, 'service_packages', {
    name: 'Две стрижки и окрашивание',
    composition: json({
      items: [
        { service_id: womensCut, count: 2 },
        { service_id: colouring, count: 1 },
      ],
      valid_days: 60,
    }),
    price: 16_000,
  })

  const admin = await user(
    { name: 'Наталья Орлова', email: 'admin@demo.test', phone: '+37120000001', gender: 'female' },
    ['admin'],
  )
  const client = await user(
    { name: 'Мария Кузнецова', email: 'client@demo.test', phone: '+37120000002', gender: 'female' },
    ['client'],
  )
  const otherClients: number[] = []
  for (const person of OTHER_CLIENTS) otherClients.push(await user(person, ['client']))

  // The balance starts at 0 and moves only through the ledger (a trigger applies each row).
  await trx('client_wallets').insert({ client_id: client })
  await trx('wallet_transactions').insert({
    client_id: client,
    kind: 'deposit',
    amount: 20_000,
    comment: 'Пополнение кошелька (демо)',
    idempotency_key: 'demo-seed-deposit',
  })
  const clientPackage = await insertId(trx, 'client_packages', {
    client_id: client,
    service_package_id: massagePackage,
    price_paid: 25_000,
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
    // From the moment the demo bookings are made at (not the transaction's later clock), so it applies.
    valid_from: now,
    note: 'Персональная скидка постоянной клиентки',
  })

  await insertDemoBookings(trx, {
    now,
    settings: COMPANY_SETTINGS,
    specialists,
    adminId: admin,
    otherClients,
    // The demo client's own week: a haircut paid from the wallet (her discount applies), a massage
    // from her package, a manicure paid on site.
    demoClient: {
      id: client,
      bookings: [
        { specialistId: anna, serviceId: womensCut, payment: { method: 'wallet' } },
        {
          specialistId: elena,
          serviceId: massage,
          payment: { method: 'package', clientPackageId: clientPackage },
        },
        { specialistId: olga, serviceId: manicure, payment: { method: 'on_site' } },
      ],
    },
  })
}

const OTHER_CLIENTS: Person[] = [
  { name: 'Алексей Соколов', email: 'aleksey.sokolov@demo.test', phone: '+37120000011', gender: 'male' },
  { name: 'Татьяна Морозова', email: 'tatyana.morozova@demo.test', phone: '+37120000012', gender: 'female' },
  { name: 'Сергей Новиков', email: 'sergey.novikov@demo.test', phone: '+37120000013', gender: 'male' },
  { name: 'Екатерина Попова', email: 'ekaterina.popova@demo.test', phone: '+37120000014', gender: 'female' },
  { name: 'Андрей Козлов', email: 'andrey.kozlov@demo.test', phone: '+4915100000211', gender: 'male' },
  { name: 'Юлия Васильева', email: 'yulia.vasilyeva@demo.test', phone: '+4915100000212', gender: 'female' },
]

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
