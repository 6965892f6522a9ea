// `users`: one entity for clients, specialists and admins (docs/product.md §3); roles live in `user_roles`.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { ClientDiscount } from './client-discount.ts'
import { ClientPackage } from './client-package.ts'
import { ClientWallet } from './client-wallet.ts'
import { PushSubscription } from './push-subscription.ts'
import { Specialist } from './specialist.ts'
import { UserRole } from './user-role.ts'

export class User extends BaseModel {
  static override tableName = 'users'
  static override hasUpdatedAt = true

  declare id: number
  declare name: string
  declare phone: string | null
  declare email: string | null
  declare tg_id: number | null
  declare tg_username: string | null
  /** 'YYYY-MM-DD' (date columns are kept as strings, see src/data/db.ts). */
  declare birth_date: string | null
  declare gender: 'female' | 'male' | 'other' | null
  declare notes: string | null
  declare password_hash: string | null
  declare language: 'ru' | 'en'
  declare created_at: Date
  declare updated_at: Date

  declare roles?: UserRole[]
  declare specialist?: Specialist | null
  declare wallet?: ClientWallet | null
  declare packages?: ClientPackage[]
  declare discounts?: ClientDiscount[]
  declare push_subscriptions?: PushSubscription[]

  // Related classes are referenced only inside this function, so import cycles between models
  // resolve (ESM live bindings) before it is first called.
  static override relationMappings = (): RelationMappings => ({
    roles: {
      relation: BaseModel.HasManyRelation,
      modelClass: UserRole,
      join: { from: 'users.id', to: 'user_roles.user_id' },
    },
    specialist: {
      relation: BaseModel.HasOneRelation,
      modelClass: Specialist,
      join: { from: 'users.id', to: 'specialists.user_id' },
    },
    wallet: {
      relation: BaseModel.HasOneRelation,
      modelClass: ClientWallet,
      join: { from: 'users.id', to: 'client_wallets.client_id' },
    },
    packages: {
      relation: BaseModel.HasManyRelation,
      modelClass: ClientPackage,
      join: { from: 'users.id', to: 'client_packages.client_id' },
    },
    discounts: {
      relation: BaseModel.HasManyRelation,
      modelClass: ClientDiscount,
      join: { from: 'users.id', to: 'client_discounts.client_id' },
    },
    push_subscriptions: {
      relation: BaseModel.HasManyRelation,
      modelClass: PushSubscription,
      join: { from: 'users.id', to: 'push_subscriptions.user_id' },
    },
  })
}
