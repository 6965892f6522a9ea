// Where and when a booking request may go, as the booking route and its quote both read it: the
// named specialist (who must perform the service, at the location if one is named), or every
// specialist who performs it ("any specialist"), with `start` read in their zone.
import { AppError, invalid, notFound } from '../domain/errors.ts'
import type { SlotInputs } from '../slots/slot-inputs.ts'
import type { ApiRuntime } from './runtime.ts'
import { instantOf, type Start } from './schemas/booking-start.ts'

export interface TargetRequest {
  service_id: number
  specialist_id?: number
  location_id?: number
}

export interface BookingTarget {
  view: SlotInputs
  /** The named specialist, or every one who performs the service there, in catalogue order. */
  candidates: number[]
  startMs: number
}

/** 404 for unknown ids, 422 for a specialist who does not fit the request. */
export async function bookingTarget(
  runtime: ApiRuntime,
  b: TargetRequest,
  start: Start,
): Promise<BookingTarget> {
  const view = await runtime.slotInputs.get(
    (v) =>
      v.services.has(b.service_id) && (b.specialist_id === undefined || v.specialists.has(b.specialist_id)),
  )
  if (!view.services.has(b.service_id)) throw notFound(`Service ${b.service_id}`)
  if (b.location_id !== undefined && !view.locations.has(b.location_id))
    throw notFound(`Location ${b.location_id}`)

  let candidates: number[]
  if (b.specialist_id !== undefined) {
    const s = view.specialists.get(b.specialist_id)
    if (!s) throw notFound(`Specialist ${b.specialist_id}`)
    if (b.location_id !== undefined && s.locationId !== b.location_id) {
      throw invalid(
        `Specialist ${s.id} works at location ${s.locationId}, not at location ${b.location_id}: ` +
          'name that location, or leave location_id out.',
        'location_mismatch',
      )
    }
    if (!s.services.has(b.service_id)) {
      throw new AppError(
        422,
        'service_not_offered',
        `Specialist ${s.id} does not perform service ${b.service_id}.`,
      )
    }
    candidates = [s.id]
  } else {
    candidates = (view.specialistsByService.get(b.service_id) ?? [])
      .filter((s) => b.location_id === undefined || s.locationId === b.location_id)
      .map((s) => s.id)
    if (!candidates.length)
      throw new AppError(422, 'service_not_offered', 'No specialist performs this service here.')
  }
  const zones = candidates.map((c) => view.locations.get(view.specialists.get(c)!.locationId)!.zone)
  return { view, candidates, startMs: instantOf(start, zones) }
}
