// `company`: the single company row (id = 1) and its settings.
import { BaseModel } from './base-model.ts'

export class Company extends BaseModel {
  static override tableName = 'company'
  static override jsonAttributes = ['settings']
  static override hasUpdatedAt = true

  declare id: 1
  declare name: string
  declare currency: string
  declare timezone: string
  declare settings: Record<string, unknown>
  declare updated_at: Date
}
