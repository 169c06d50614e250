import { Type } from 'typebox'
import { currentMigrationVersion, type Db, isDatabaseUnavailable } from '../db/index.js'
import { AppError } from '../errors/index.js'
import { errorResponses, type HttpServer } from '../http/index.js'

const Health = Type.Object({
  status: Type.Literal('ok'),
  engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')], { description: '数据库引擎' }),
  migrationVersion: Type.String({ description: '最新已执行迁移的时间戳' }),
  version: Type.String({ description: 'Tongban 版本' }),
})

/**
 * `GET /api/health`: the engine in use and the migration version; 503 DATABASE_UNAVAILABLE (details
 * `{ database: 'down' }`) while the database cannot be reached, so a load balancer takes the process out.
 */
export function healthRoutes(app: HttpServer, { db, version }: { db: Db; version: string }): void {
  app.get(
    '/api/health',
    {
      schema: { tags: ['platform'], summary: '健康检查', response: { 200: Health, ...errorResponses(503) } },
      config: { access: 'public' },
    },
    async () => {
      let migrationVersion: string
      try {
        migrationVersion = await currentMigrationVersion(db)
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error
        throw new AppError('DATABASE_UNAVAILABLE', 503, '数据库暂时无法连接，请稍后再试', { database: 'down' })
      }
      return { status: 'ok' as const, engine: db.engine, migrationVersion, version }
    },
  )
}
