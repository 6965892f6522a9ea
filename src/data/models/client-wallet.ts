// `client_wallets`: the balance per client. It moves only through `wallet_transactions` (a trigger
// applies each one), so never patch `balance` through this model.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { User } from './user.ts'
import { WalletTransaction } from './wallet-transaction.ts'

export class ClientWallet extends BaseModel {
  static override tableName = 'client_wallets'
  static override idColumn = 'client_id'
  static override hasUpdatedAt = true

  declare client_id: number
  declare balance: number
  declare updated_at: Date

  declare client?: User
  declare transactions?: WalletTransaction[]

  static override relationMappings = (): RelationMappings => ({
    client: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'client_wallets.client_id', to: 'users.id' },
    },
    transactions: {
      relation: BaseModel.HasManyRelation,
      modelClass: WalletTransaction,
      join: { from: 'client_wallets.client_id', to: 'wallet_transactions.client_id' },
    },
  })
}
