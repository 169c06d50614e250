import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../db/index.js'
import { AppError } from '../errors/index.js'

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/
// A retry this soon after the first attempt is waiting on it, not replacing a crashed one.
const IN_PROGRESS_SECONDS = 60

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | undefined
  }
}

function scopeOf(request: FastifyRequest): string {
  // Keys are per caller: the same key from two people is two requests.
  const caller = request.principal?.sessionId ?? `ip:${request.ip}`
  return createHash('sha256').update(caller).digest('hex')
}

function fingerprint(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex')
}

type StoredRow = { fingerprint: string; state: string; status_code: number | null; body: string | null; age: number }

/**
 * `Idempotency-Key` on POST: the first answer is stored and a retry with the same key gets it again
 * (header `Idempotent-Replayed: true`) without running the handler twice.
 */
export function installIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotency', undefined)

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key']
    if (request.method !== 'POST' || key === undefined) return
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('IDEMPOTENCY_KEY_INVALID', 400, 'Idempotency-Key 须为 8 到 128 位字母、数字或 _.:-')
    }
    const scope = scopeOf(request)
    const print = fingerprint(request)
    const inserted = await db.query(
      `INSERT INTO platform.idempotency_keys (scope, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, print],
    )
    if (inserted.rowCount === 1) {
      request.idempotency = { scope, key }
      return
    }
    const { rows } = await db.query<StoredRow>(
      `SELECT fingerprint, state, status_code, body, EXTRACT(EPOCH FROM now() - created_at)::float8 AS age
         FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    )
    const stored = rows[0]
    if (!stored) throw new AppError('IDEMPOTENCY_IN_PROGRESS', 409, '相同请求正在处理，请稍后重试')
    if (stored.fingerprint !== print) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 422, '该 Idempotency-Key 已用于另一个请求')
    }
    if (stored.state === 'done') {
      reply.header('idempotent-replayed', 'true')
      return reply
        .status(stored.status_code ?? 200)
        .type('application/json; charset=utf-8')
        .send(stored.body ?? '')
    }
    if (stored.age < IN_PROGRESS_SECONDS)
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', 409, '相同请求正在处理，请稍后重试')
    // The first attempt died without answering: this retry takes its place.
    await db.query('UPDATE platform.idempotency_keys SET created_at = now() WHERE scope = $1 AND key = $2', [
      scope,
      key,
    ])
    request.idempotency = { scope, key }
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency
    if (!claim) return payload
    try {
      if (reply.statusCode === 503) {
        // The database went away, maybe after COMMIT: keep the claim, so a retry waits (409) and only takes over
        // after IN_PROGRESS_SECONDS, instead of running at once what may already have been done.
      } else if (reply.statusCode >= 500) {
        // Nothing was done that a retry must not do again; let the retry run.
        await db.query('DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2', [claim.scope, claim.key])
      } else {
        await db.query(
          `UPDATE platform.idempotency_keys SET state = 'done', status_code = $3, body = $4 WHERE scope = $1 AND key = $2`,
          [claim.scope, claim.key, reply.statusCode, typeof payload === 'string' ? payload : null],
        )
      }
    } catch (error) {
      // The answer stands (it describes what was committed); a claim left 'in progress' is taken over later.
      request.log.warn({ code: (error as { code?: string }).code }, 'could not store the idempotent answer')
    }
    return payload
  })
}
