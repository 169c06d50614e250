import { Type } from 'typebox'
import { currentMigrationVersion, type Db } from '../db/index.js'
import type { HttpServer } from '../http/index.js'

const Health = Type.Object({
  status: Type.Literal('ok'),
  engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')], { description: '数据库引擎' }),
  migrationVersion: Type.String({ description: '最新已执行迁移的时间戳' }),
  version: Type.String({ description: 'Tongban 版本' }),
})

/** `GET /api/health`: the engine in use and the migration version; answers only when the database does. */
export function healthRoutes(app: HttpServer, { db, version }: { db: Db; version: string }): void {
  app.get(
    '/api/health',
    {
      schema: { tags: ['platform'], summary: '健康检查', response: { 200: Health } },
      config: { access: 'public' },
    },
    async () => ({
      status: 'ok' as const,
      engine: db.engine,
      migrationVersion: await currentMigrationVersion(db),
      version,
    }),
  )
}
