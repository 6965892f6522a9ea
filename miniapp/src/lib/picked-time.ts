// A free time as the slot picker hands it on: the location (and its zone), the local date and time.
export interface PickedTime {
  locationId: number
  timezone: string
  date: string
  time: string
}
