// What an admin write changed, in the terms the slot layer recalculates by (docs/product.md §4's table).
export type SetupChange =
  | { kind: 'location_schedule'; locationId: number }
  | { kind: 'specialist_schedule'; specialistId: number }
  | { kind: 'room'; roomId: number }
  | {
      kind: 'override'
      locationId?: number
      specialistId?: number
      roomId?: number
      dateFrom: string
      dateTo: string
    }
  | { kind: 'service'; serviceId: number }
