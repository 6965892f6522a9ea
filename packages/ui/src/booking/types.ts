// The shapes the shared booking components read: the parts of the API's answers they show, so the
// generated types of @booking/api-client fit them without this package depending on it.

/** A service as a list shows it. */
export interface ServiceSummary {
  id: number
  name: string
  description?: string
  duration_minutes: number
  duration_minutes_from: number
  duration_minutes_to: number
  price_from: number
  price_to: number
}
