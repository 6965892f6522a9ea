// Payments recorded at the desk for bookings paid on site (table booking_payments): one row per
// Idempotency-Key, so a retry finds the first row instead of writing a second.
import type { Db } from './db.ts'

export interface BookingPayment {
  id: number
  booking_id: number
  method: 'cash' | 'card'
  amount: number
  comment: string
  created_by: number | null
  created_at: Date
}

const COLUMNS = ['id', 'booking_id', 'method', 'amount', 'comment', 'created_by', 'created_at'] as const

const row = (r: Record<string, unknown>): BookingPayment => ({
  ...(r as unknown as BookingPayment),
  amount: Number(r.amount),
})

export function bookingPaymentsRepository(db: Db) {
  return {
    /**
     * Records a payment unless its key already holds one; answers the key's row and whether it was
     * there before (a replay), so the caller can check the retry asks for the same thing.
     */
    async record(p: {
      bookingId: number
      method: 'cash' | 'card'
      amount: number
      comment: string
      key: string
      actorId: number
    }): Promise<{ payment: BookingPayment; replayed: boolean }> {
      const inserted = await db('booking_payments')
        .insert({
          booking_id: p.bookingId,
          method: p.method,
          amount: p.amount,
          comment: p.comment,
          idempotency_key: p.key,
          created_by: p.actorId,
        })
        .onConflict('idempotency_key')
        .ignore()
        .returning(COLUMNS)
      if (inserted.length) return { payment: row(inserted[0]), replayed: false }
      const first = await db('booking_payments').where({ idempotency_key: p.key }).first(COLUMNS)
      return { payment: row(first), replayed: true }
    },

    /** The payment a key recorded, if any. */
    async byKey(key: string): Promise<BookingPayment | undefined> {
      const r = await db('booking_payments').where({ idempotency_key: key }).first(COLUMNS)
      return r ? row(r) : undefined
    },

    /** A booking's recorded payments, oldest first. */
    async list(bookingId: number): Promise<BookingPayment[]> {
      return (
        await db('booking_payments').where({ booking_id: bookingId }).orderBy('id').select(COLUMNS)
      ).map(row)
    },
  }
}
