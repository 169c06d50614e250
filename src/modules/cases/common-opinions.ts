import type { Db } from '../../platform/db/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import { casesErrors } from './cases.errors.js'
import * as repo from './cases.repository.js'

/** 常用意见: the phrases a department's reviewers pick from; the department's leader keeps the list. */
export function createCommonOpinions({ db, audit }: { db: Db; audit: Pick<AuditService, 'record'> }) {
  /** The actor's department's phrases, in display order (none for an account without a department). */
  async function listCommonOpinions(actor: Actor) {
    if (!actor.departmentId) return []
    const rows = await repo.listCommonOpinions(db, actor.departmentId)
    return rows.map((row) => ({ id: row.id, text: row.text, sortOrder: row.sort_order }))
  }

  /** Adds a phrase to the actor's department. Throws CASE_NO_DEPARTMENT, CASE_OPINION_TAKEN (409). */
  async function addCommonOpinion(context: AuditContext, actor: Actor, input: { text: string; sortOrder?: number }) {
    if (!actor.departmentId) throw casesErrors.noDepartment()
    const departmentId = actor.departmentId
    return db.transaction(async (tx) => {
      const row = await repo.insertCommonOpinion(tx, {
        departmentId,
        text: input.text.trim(),
        sortOrder: input.sortOrder ?? 0,
        createdBy: actor.id,
      })
      if (!row) throw casesErrors.opinionTaken()
      await audit.record(tx, context, {
        action: 'cases.common_opinion.add',
        target: `opinion:${row.id}`,
        result: 'success',
      })
      return { id: row.id, text: row.text, sortOrder: row.sort_order }
    })
  }

  /** Removes a phrase of the actor's own department. Throws CASE_NO_DEPARTMENT, CASE_OPINION_NOT_FOUND. */
  async function deleteCommonOpinion(context: AuditContext, actor: Actor, opinionId: string) {
    if (!actor.departmentId) throw casesErrors.noDepartment()
    const departmentId = actor.departmentId
    await db.transaction(async (tx) => {
      if (!(await repo.deleteCommonOpinion(tx, opinionId, departmentId))) throw casesErrors.opinionNotFound()
      await audit.record(tx, context, {
        action: 'cases.common_opinion.delete',
        target: `opinion:${opinionId}`,
        result: 'success',
      })
    })
  }

  return { listCommonOpinions, addCommonOpinion, deleteCommonOpinion }
}

export type CommonOpinions = ReturnType<typeof createCommonOpinions>
