// `client_discounts`: personal discounts, percent or fixed, optionally per service and in a window.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Service } from './service.ts'
import { User } from './user.ts'

export class ClientDiscount extends BaseModel {
  static override tableName = 'client_discounts'

  declare id: number
  declare client_id: number
  declare kind: 'percent' | 'fixed'
  /** A percentage 0.01–100 with two decimals (numeric, read as a number) or whole minor units, by `kind`. */
  declare value: number
  declare service_id: number | null
  declare valid_from: Date | null
  declare valid_to: Date | null
  declare note: string
  declare active: boolean
  declare created_at: Date

  declare client?: User
  declare service?: Service | null

  static override relationMappings = (): RelationMappings => ({
    client: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'client_discounts.client_id', to: 'users.id' },
    },
    service: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Service,
      join: { from: 'client_discounts.service_id', to: 'services.id' },
    },
  })
}
