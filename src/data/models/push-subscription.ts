// `push_subscriptions`: Web Push subscriptions of users.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { User } from './user.ts'

export class PushSubscription extends BaseModel {
  static override tableName = 'push_subscriptions'

  declare id: number
  declare user_id: number
  declare endpoint: string
  declare p256dh: string
  declare auth: string
  declare created_at: Date

  declare user?: User

  static override relationMappings = (): RelationMappings => ({
    user: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'push_subscriptions.user_id', to: 'users.id' },
    },
  })
}
