// The deployment's identity as PostgreSQL knows it (migration 004), and the figure that tells
// whether Redis has seen more of this database than the database now holds.
import { createHash } from 'node:crypto'
import type { Db } from './db.ts'

export interface DeploymentIdentity {
  /** The row's UUID. */
  id: string
  /**
   * 12 hex characters naming this database among all that may share a Redis: a hash of the UUID,
   * the cluster's system identifier and the database's oid. A copy made with `CREATE DATABASE …
   * TEMPLATE` or restored from a dump into another database or cluster keeps the UUID but gets
   * another oid or system identifier, so it gets another key too.
   */
  key: string
}

export class MissingDeploymentError extends Error {
  override name = 'MissingDeploymentError'
}

export function deploymentRepository(db: Db) {
  return {
    async identity(): Promise<DeploymentIdentity> {
      let row: { id: string; system_id: string; db_oid: string } | undefined
      try {
        row = (
          await db.raw(`
            SELECT d.id::text AS id,
                   (SELECT system_identifier::text FROM pg_control_system()) AS system_id,
                   (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS db_oid
            FROM deployment d`)
        ).rows[0]
      } catch (err) {
        if ((err as { code?: string }).code !== '42P01') throw err
      }
      if (!row) {
        throw new MissingDeploymentError(
          'The database has no deployment identity yet: run `npm run migrate` on it first.',
        )
      }
      const key = createHash('sha256')
        .update(`${row.id}|${row.system_id}|${row.db_oid}`)
        .digest('hex')
        .slice(0, 12)
      return { id: row.id, key }
    },

    /** Gives the database a new UUID, unless another process already did (then a no-op). */
    async rotate(fromId: string): Promise<void> {
      await db('deployment')
        .where({ id: fromId })
        .update({ id: db.raw('gen_random_uuid()'), rotated_at: db.fn.now() })
    },

    /** The highest intent id: it only grows, unless the database went back in time. */
    async latestIntentId(): Promise<number> {
      return Number((await db('intents').max('id as id').first())?.id ?? 0)
    },
  }
}
