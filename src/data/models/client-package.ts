// `client_packages`: a package a client bought; what remains of it is in `client_package_items`.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { ClientPackageItem } from './client-package-item.ts'
import { ServicePackage } from './service-package.ts'
import { User } from './user.ts'

export class ClientPackage extends BaseModel {
  static override tableName = 'client_packages'

  declare id: number
  declare client_id: number
  declare service_package_id: number
  declare price_paid: number
  declare purchased_at: Date
  declare expires_at: Date

  declare client?: User
  declare service_package?: ServicePackage
  declare items?: ClientPackageItem[]

  static override relationMappings = (): RelationMappings => ({
    client: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'client_packages.client_id', to: 'users.id' },
    },
    service_package: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ServicePackage,
      join: { from: 'client_packages.service_package_id', to: 'service_packages.id' },
    },
    items: {
      relation: BaseModel.HasManyRelation,
      modelClass: ClientPackageItem,
      join: { from: 'client_packages.id', to: 'client_package_items.client_package_id' },
    },
  })
}
