// Grid versions: a counter per specialist and per room, bumped whenever something that shapes
// their grids changes. A grid in Redis carries the version of the data it was computed from, and a
// write never replaces a grid of a newer version (docs/product.md §4: no older view overwrites a newer one).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE specialists ADD COLUMN grid_version bigint NOT NULL DEFAULT 1;
    ALTER TABLE rooms ADD COLUMN grid_version bigint NOT NULL DEFAULT 1;
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE specialists DROP COLUMN grid_version;
    ALTER TABLE rooms DROP COLUMN grid_version;
  `)
}
