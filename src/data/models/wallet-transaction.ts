// `wallet_transactions`: the append-only ledger (signed amounts); the database refuses updates.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Booking } from './booking.ts'
import { ClientPackage } from './client-package.ts'
import { ClientWallet } from './client-wallet.ts'

export type WalletTransactionKind = 'deposit' | 'payment' | 'refund' | 'adjustment'

export class WalletTransaction extends BaseModel {
  static override tableName = 'wallet_transactions'

  declare id: number
  declare client_id: number
  declare kind: WalletTransactionKind
  /** Signed minor units: + deposit/refund, − payment. */
  declare amount: number
  declare booking_id: number | null
  declare client_package_id: number | null
  declare comment: string
  declare created_by: number | null
  declare idempotency_key: string | null
  declare created_at: Date

  declare wallet?: ClientWallet
  declare booking?: Booking | null
  declare client_package?: ClientPackage | null

  static override relationMappings = (): RelationMappings => ({
    wallet: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ClientWallet,
      join: { from: 'wallet_transactions.client_id', to: 'client_wallets.client_id' },
    },
    booking: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Booking,
      join: { from: 'wallet_transactions.booking_id', to: 'bookings.id' },
    },
    client_package: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ClientPackage,
      join: { from: 'wallet_transactions.client_package_id', to: 'client_packages.id' },
    },
  })
}
