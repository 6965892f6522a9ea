// Demo bookings for the coming week, so the specialist's day and the admin's journal are not empty.
// They are made the way the worker makes them: the booking machine starts each one and its database
// effects (booking row with its snapshot, discount, wallet debit, package visit, history) are
// carried out by the worker's own effect runner (src/data/booking-effects.ts). Only what runs after
// a commit is left out (reminder jobs, events): the seed runs before any queue does, and grids are
// rebuilt on read.
import type { Knex } from 'knex'
import { DateTime } from 'luxon'
import { cancellationPolicyOf, parseSettings, type CompanySettings } from '../src/domain/settings.ts'
import { startBooking, type BookingInput, type PaymentChoice } from '../src/machines/index.ts'
import { applyDbEffects } from '../src/data/booking-effects.ts'

/** Schedule JSON: "0" is Monday … "6" Sunday; a missing key is a day off. */
export type Schedule = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', Array<[string, string]>>>

export interface DemoService {
  serviceId: number
  /** The specialist's price (own or the service's), in minor units. */
  price: number
  durationMin: number
  breakMin: number
  /** The room the service takes at the specialist's location; null when it needs none. */
  roomId: number | null
}

export interface DemoSpecialist {
  id: number
  userId: number
  locationId: number
  zone: string
  schedule: Schedule
  services: DemoService[]
}

export interface DemoBookingsPlan {
  /** Bookings start at least two hours after this and within the seven days from its date. */
  now: Date
  /** The company's settings JSON (the policy and reminders each booking copies). */
  settings: Record<string, unknown>
  specialists: DemoSpecialist[]
  adminId: number
  /** Clients the other bookings are spread over. */
  otherClients: number[]
  /** The demo client's bookings: each takes the first matching time from tomorrow on. */
  demoClient: {
    id: number
    bookings: Array<{ specialistId: number; serviceId: number; payment: PaymentChoice }>
  }
}

const DAYS = 7
const LEAD_MINUTES = 120

interface Slot {
  specialist: DemoSpecialist
  service: DemoService
  start: DateTime
  /** 0 today, 1 tomorrow, … */
  day: number
}

/** The next quarter hour: clients are offered starts on the 15-minute grid, so bookings sit on it too. */
const onGrid = (t: DateTime) => {
  const over = (t.minute % 15) * 60_000 + t.second * 1000 + t.millisecond
  return over === 0 ? t : t.plus({ milliseconds: 15 * 60_000 - over })
}

/** Where the specialist's week gets its bookings: a varied, deterministic pattern of 2–3 a day. */
function slotsOf(specialist: DemoSpecialist, index: number, now: Date): Slot[] {
  const slots: Slot[] = []
  const today = DateTime.fromJSDate(now, { zone: specialist.zone }).startOf('day')
  const earliest = now.getTime() + LEAD_MINUTES * 60_000
  for (let day = 0; day < DAYS; day++) {
    const date = today.plus({ days: day })
    const intervals = specialist.schedule[String(date.weekday - 1) as keyof Schedule] ?? []
    const perDay = 2 + ((day + index) % 2)
    let booked = 0
    let k = 0
    for (const [from, to] of intervals) {
      const at = (hhmm: string) => {
        const [hour, minute] = hhmm.split(':').map(Number)
        return date.set({ hour, minute })
      }
      const end = at(to)
      let cursor: DateTime = at(from).plus({ minutes: ((day * 2 + index) % 4) * 30 })
      while (booked < perDay) {
        const service = specialist.services[(day + index + k) % specialist.services.length]!
        const busyUntil = cursor.plus({ minutes: service.durationMin + service.breakMin })
        if (busyUntil > end) break
        if (cursor.toMillis() >= earliest) {
          slots.push({ specialist, service, start: cursor, day })
          booked++
        }
        cursor = onGrid(busyUntil.plus({ minutes: 30 + ((day + index + k) % 3) * 30 }))
        k++
      }
    }
  }
  return slots
}

export async function insertDemoBookings(trx: Knex.Transaction, plan: DemoBookingsPlan): Promise<number> {
  const settings = parseSettings(plan.settings)
  const slots = plan.specialists.flatMap((s, i) => slotsOf(s, i, plan.now))
  const taken = new Set<Slot>()
  // Nobody is booked in two places at once: each client's booked spans, as [start, end) in ms.
  const busy = new Map<number, Array<[number, number]>>()
  const span = (s: Slot): [number, number] => [
    s.start.toMillis(),
    s.start.toMillis() + (s.service.durationMin + s.service.breakMin) * 60_000,
  ]
  const isFree = (clientId: number, s: Slot) => {
    const [a, b] = span(s)
    return (busy.get(clientId) ?? []).every(([c, d]) => b <= c || d <= a)
  }
  const hold = (clientId: number, s: Slot) => {
    taken.add(s)
    busy.set(clientId, [...(busy.get(clientId) ?? []), span(s)])
  }
  let count = 0

  const demo = plan.demoClient
  const demoDays = new Set<number>()
  for (const wanted of demo.bookings) {
    const slot = slots.find(
      (s) =>
        !taken.has(s) &&
        s.day >= 1 &&
        !demoDays.has(s.day) &&
        s.specialist.id === wanted.specialistId &&
        s.service.serviceId === wanted.serviceId,
    )
    if (!slot) continue
    demoDays.add(slot.day)
    hold(demo.id, slot)
    const who = { clientId: demo.id, by: 'client' as const, actorId: demo.id, source: 'web' }
    await book(trx, slot, who, wanted.payment, settings, plan.now)
    count++
  }

  let n = 0
  for (const slot of slots) {
    if (taken.has(slot)) continue
    const clients = plan.otherClients
    const clientId = [...clients.keys()]
      .map((i) => clients[(n + i) % clients.length]!)
      .find((c) => isFree(c, slot))
    if (clientId === undefined) continue
    hold(clientId, slot)
    // Mostly booked by the clients themselves; every fourth one by the admin on the phone.
    const who =
      n % 4 === 3
        ? { clientId, by: 'admin' as const, actorId: plan.adminId, source: 'admin' }
        : { clientId, by: 'client' as const, actorId: clientId, source: n % 2 ? 'telegram' : 'web' }
    await book(trx, slot, who, { method: 'on_site' }, settings, plan.now)
    n++
    count++
  }

  // As the worker does after a booking: grids built before these rows are older than them.
  const booked = [...taken]
  const specialists = [...new Set(booked.map((s) => s.specialist.id))]
  const rooms = [...new Set(booked.map((s) => s.service.roomId).filter((r): r is number => r !== null))]
  if (specialists.length) await trx('specialists').whereIn('id', specialists).increment('grid_version', 1)
  if (rooms.length) await trx('rooms').whereIn('id', rooms).increment('grid_version', 1)
  return count
}

async function book(
  trx: Knex.Transaction,
  slot: Slot,
  who: { clientId: number; by: 'client' | 'admin'; actorId: number; source: string },
  payment: PaymentChoice,
  settings: CompanySettings,
  now: Date,
) {
  const bookingId = Number(
    (await trx.raw(`select nextval(pg_get_serial_sequence('bookings', 'id')) as id`)).rows[0].id,
  )
  const discounts = await trx('client_discounts')
    .where({ client_id: who.clientId, active: true })
    .select('id', 'kind', 'value', 'service_id', 'valid_from', 'valid_to')
  const input: BookingInput = {
    bookingId,
    clientId: who.clientId,
    specialistId: slot.specialist.id,
    serviceId: slot.service.serviceId,
    locationId: slot.specialist.locationId,
    roomId: slot.service.roomId,
    startsAt: slot.start.toUTC().toISO()!,
    durationMin: slot.service.durationMin,
    breakMin: slot.service.breakMin,
    basePrice: slot.service.price,
    discounts,
    timeZone: slot.specialist.zone,
    payment,
    policy: cancellationPolicyOf(settings),
    reminderOffsetsMin: settings.reminderOffsetsMinutes,
    source: who.source,
    now: now.toISOString(),
    by: who.by,
    actorId: who.actorId,
  }
  const started = startBooking(input)
  await applyDbEffects(trx, started.actions, {
    snapshot: started.snapshot,
    intentId: null,
    actorUserId: who.actorId,
    notify: false,
  })
}
