// The base of every model. Columns keep the schema's snake_case names (the API speaks snake_case
// too), models whose table has `updated_at` get it bumped on every update or patch, and database
// errors come out of ORM queries exactly as they come out of plain knex ones.
import { Model, QueryBuilder } from 'objection'

interface WrappedDbError {
  nativeError?: unknown
}

/**
 * Objection wraps driver errors in its own classes (UniqueViolationError, …), which drop the
 * SQLSTATE `code` and `detail` of PostgreSQL. Constraint violations are mapped by those
 * (src/data/pg-errors.ts), for knex and ORM queries alike, so the original error is rethrown.
 */
class BaseQueryBuilder<M extends Model, R = M[]> extends QueryBuilder<M, R> {
  override execute(): Promise<R> {
    return super.execute().catch((err: unknown) => {
      const native = (err as WrappedDbError | null)?.nativeError
      throw native instanceof Error ? native : err
    })
  }
}

export class BaseModel extends Model {
  static override QueryBuilder = BaseQueryBuilder

  /** Whether the table has an `updated_at` column that updates should bump. */
  static hasUpdatedAt = false

  override $beforeUpdate(): void {
    if ((this.constructor as typeof BaseModel).hasUpdatedAt) {
      ;(this as unknown as { updated_at: Date }).updated_at = new Date()
    }
  }
}
