// `specialist_services`: which services a specialist performs, optionally at their own price or
// duration (null: the service's own).
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Service } from './service.ts'
import { Specialist } from './specialist.ts'

export class SpecialistService extends BaseModel {
  static override tableName = 'specialist_services'
  static override idColumn = ['specialist_id', 'service_id']

  declare specialist_id: number
  declare service_id: number
  declare price: number | null
  declare duration_minutes: number | null

  declare specialist?: Specialist
  declare service?: Service

  static override relationMappings = (): RelationMappings => ({
    specialist: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Specialist,
      join: { from: 'specialist_services.specialist_id', to: 'specialists.id' },
    },
    service: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Service,
      join: { from: 'specialist_services.service_id', to: 'services.id' },
    },
  })
}
