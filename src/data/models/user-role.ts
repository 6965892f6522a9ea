// `user_roles`: the roles a user holds (a user can hold several).
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { User } from './user.ts'

export type RoleName = 'client' | 'specialist' | 'admin'

export class UserRole extends BaseModel {
  static override tableName = 'user_roles'
  static override idColumn = ['user_id', 'role']

  declare user_id: number
  declare role: RoleName

  declare user?: User

  static override relationMappings = (): RelationMappings => ({
    user: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'user_roles.user_id', to: 'users.id' },
    },
  })
}
