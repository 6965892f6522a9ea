// `service_packages`: sellable bundles of visits; the composition is JSON (docs/product.md §3).
import { BaseModel } from './base-model.ts'

export interface PackageItem {
  service_id: number
  count: number
}

export interface PackageComposition {
  items: PackageItem[]
  valid_days: number
}

export class ServicePackage extends BaseModel {
  static override tableName = 'service_packages'
  static override jsonAttributes = ['composition']
  static override hasUpdatedAt = true

  declare id: number
  declare name: string
  declare composition: PackageComposition
  declare price: number
  declare active: boolean
  declare created_at: Date
  declare updated_at: Date
}
