// `client_package_items`: remaining visits per service of a purchased package.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { ClientPackage } from './client-package.ts'
import { Service } from './service.ts'

export class ClientPackageItem extends BaseModel {
  static override tableName = 'client_package_items'
  static override idColumn = ['client_package_id', 'service_id']

  declare client_package_id: number
  declare service_id: number
  declare total: number
  declare remaining: number

  declare client_package?: ClientPackage
  declare service?: Service

  static override relationMappings = (): RelationMappings => ({
    client_package: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ClientPackage,
      join: { from: 'client_package_items.client_package_id', to: 'client_packages.id' },
    },
    service: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Service,
      join: { from: 'client_package_items.service_id', to: 'services.id' },
    },
  })
}
