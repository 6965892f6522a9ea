// The lint rule that keeps the layers: each case is a deliberate violation the rule must refuse,
// beside an import that stays allowed, linted as if the file sat in that folder.
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) })

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = x\n`, { filePath })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

const cases: { file: string; refused: string[]; allowed: string[] }[] = [
  {
    file: 'src/domain/probe.ts',
    refused: [
      "import { x } from '../data/db.ts'",
      "import { x } from '../api/app.ts'",
      "import { x } from '../slots/keys.ts'",
      "import { x } from '../machines/index.ts'",
      "import x from 'knex'",
    ],
    allowed: ["import { x } from './money.ts'"],
  },
  {
    file: 'src/machines/probe.ts',
    refused: ["import { x } from '../data/db.ts'", "import { x } from '../workers/main.ts'"],
    allowed: ["import { x } from '../domain/money.ts'"],
  },
  {
    file: 'src/data/models/probe.ts',
    refused: ["import { x } from '../../api/plugins/auth.ts'", "import { x } from '../../workers/log.ts'"],
    allowed: ["import { x } from '../../domain/roles.ts'"],
  },
  {
    file: 'src/api/routes/admin/probe.ts',
    refused: [
      "import { x } from '../../../workers/intent-processor.ts'",
      "import type { Knex } from 'knex'",
      "import { Model } from 'objection'",
    ],
    allowed: ["import { x } from '../../../data/db.ts'"],
  },
  {
    file: 'src/workers/probe.ts',
    refused: ["import { x } from '../api/plugins/errors.ts'", "import type { Knex } from 'knex'"],
    allowed: ["import { x } from '../data/db.ts'"],
  },
  {
    file: 'web/src/probe.ts',
    refused: ["import { x } from '../../src/domain/money.ts'"],
    allowed: ["import { x } from '@booking/api-client'"],
  },
]

describe('the layer rule', () => {
  for (const c of cases) {
    it(`refuses what ${c.file} must not import, and allows the rest`, async () => {
      for (const source of c.refused) expect(await restricted(c.file, source), source).toHaveLength(1)
      for (const source of c.allowed) expect(await restricted(c.file, source), source).toEqual([])
    })
  }
})
