// `intents`: every state-changing booking request, recorded before it is queued.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Booking } from './booking.ts'
import { Specialist } from './specialist.ts'
import { User } from './user.ts'

import type { IntentKind } from '../../intents/intent-store.ts'

export type { IntentKind }
export type IntentStatus = 'pending' | 'succeeded' | 'failed'

export class Intent extends BaseModel {
  static override tableName = 'intents'
  static override jsonAttributes = ['payload', 'result']

  declare id: number
  declare kind: IntentKind
  declare user_id: number
  declare specialist_id: number | null
  declare booking_id: number | null
  declare idempotency_key: string | null
  declare request_hash: string
  declare payload: Record<string, unknown>
  declare status: IntentStatus
  declare result_status: number | null
  declare result: Record<string, unknown> | null
  declare attempts: number
  declare request_id: string | null
  declare created_at: Date
  declare finished_at: Date | null

  declare user?: User
  declare specialist?: Specialist | null
  declare booking?: Booking | null

  static override relationMappings = (): RelationMappings => ({
    user: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'intents.user_id', to: 'users.id' },
    },
    specialist: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Specialist,
      join: { from: 'intents.specialist_id', to: 'specialists.id' },
    },
    booking: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Booking,
      join: { from: 'intents.booking_id', to: 'bookings.id' },
    },
  })
}
