import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { FieldCipher } from '../../../platform/crypto/index.js'
import type { Db, Queryable } from '../../../platform/db/index.js'
import { AppError } from '../../../platform/errors/index.js'
import { type EncryptedFiles, FileStoreError, FileStoreErrorCode } from '../../../platform/files/index.js'
import { FILE_KINDS, type ReceivedUpload, type UploadRefusal } from '../../../platform/upload/index.js'
import type { AuditContext, AuditService } from '../../audit/index.js'
import { buildOneTimeNotice, type CatalogService } from '../../catalog/index.js'
import { type Actor, Role } from '../../identity/index.js'
import { type CaseAccessRow, isApplicantSide, loadCaseForActor } from '../case-access.js'
import { CASE_STATE_LABELS, CaseState } from '../case-states.js'
import { type CaseRow, findCase, lockCase } from '../cases.repository.js'
import { materialsErrors } from './materials.errors.js'
import * as repo from './materials.repository.js'
import type { CaseMaterial, CaseMaterialList, MaterialKind, RequiredMaterial } from './materials.schemas.js'

/** States in which the applicant's side (applicant, filer, agent) may upload, replace and delete materials. */
const APPLICANT_EDITABLE_STATES: readonly string[] = [
  CaseState.draft,
  CaseState.returned,
  CaseState.supplementRequested,
]
/** 一窗受理: a window clerk scans the walk-in applicant's papers into a submitted case before accepting it. */
const WINDOW_EDITABLE_STATES: readonly string[] = [CaseState.submitted]

// An object older than this with no row belongs to an upload that crashed between the store and the commit.
const ORPHAN_AGE_MS = 60 * 60 * 1000
const STORAGE_PREFIX = 'materials/'
// Bidirectional overrides and invisible format characters make 'exe\u202Efdp.pdf' read as '…pdf.exe' to staff;
// the upload service already refuses control characters and path separators.
const HIDDEN_FORMAT_CHARACTERS = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/

export type CaseMaterialsLimits = { maxFileBytes: number; maxCaseBytes: number }

export type CaseMaterialsDeps = {
  db: Db
  files: EncryptedFiles
  cipher: Pick<FieldCipher, 'encrypt' | 'decrypt'>
  catalog: Pick<CatalogService, 'getItemVersion'>
  audit: Pick<AuditService, 'record' | 'raiseAlert'>
  limits: CaseMaterialsLimits
  now?: () => Date
}

/** A material opened for reading: its plaintext stream (first segment already checked) and what to send it as. */
export type OpenedMaterial = {
  fileName: string
  kind: MaterialKind
  contentType: string
  size: number
  stream: Readable
}

type GuideMaterial = { id: string; name: string; requirement: 'required' | 'conditional' }

function bindingOf(id: string) {
  return { table: 'cases.materials', column: 'file_name_cipher', rowId: id }
}

function storageKeyOf(caseId: string, materialId: string): string {
  return `${STORAGE_PREFIX}${caseId}/${materialId}`
}

function translateStoreError(error: unknown): unknown {
  if (error instanceof FileStoreError) {
    if (error.code === FileStoreErrorCode.unavailable) return materialsErrors.storeUnavailable()
    if (error.code === FileStoreErrorCode.notFound || error.code === FileStoreErrorCode.corrupt)
      return materialsErrors.fileDamaged()
  }
  return error
}

/** 申请材料 of cases: upload, replace, delete, list and read, with the file store and the case's access rules. */
export function createCaseMaterialsService({
  db,
  files,
  cipher,
  catalog,
  audit,
  limits,
  now = () => new Date(),
}: CaseMaterialsDeps) {
  /** Whether the actor may change this case's materials in `state`. */
  function mayChange(access: CaseAccessRow, actor: Actor, state: string): boolean {
    const isWindowClerk = actor.kind === 'staff' && actor.roles.includes(Role.windowClerk)
    if (isApplicantSide(access, actor)) {
      if (APPLICANT_EDITABLE_STATES.includes(state)) return true
      // The clerk who registered a walk-in's case may still scan papers in until it is accepted.
      return isWindowClerk && WINDOW_EDITABLE_STATES.includes(state)
    }
    return isWindowClerk && actor.departmentId === access.departmentId && WINDOW_EDITABLE_STATES.includes(state)
  }

  function assertMayChange(access: CaseAccessRow, actor: Actor, state: string): void {
    if (!mayChange(access, actor, state))
      throw materialsErrors.materialsLocked(CASE_STATE_LABELS[state as CaseState] ?? state)
  }

  /** The guide's materials this case needs: the one-time notice for its answers, or the whole list while unanswered. */
  async function listGuideMaterials(caseRow: CaseRow): Promise<GuideMaterial[]> {
    const version = await catalog.getItemVersion(caseRow.item_code, caseRow.item_version)
    const guide = version.guide
    try {
      const notice = buildOneTimeNotice(guide, caseRow.situation_answers as never, {
        itemVersion: caseRow.item_version,
        departmentName: '',
      })
      return notice.materials.map((material) => ({
        id: material.id,
        name: material.name,
        requirement: material.requirement,
      }))
    } catch (error) {
      // Answers not complete yet (a draft): every material of the guide may be uploaded.
      if (!(error instanceof AppError)) throw error
      return guide.materials.map((material) => ({
        id: material.id,
        name: material.name,
        requirement: material.requirement,
      }))
    }
  }

  async function loadCase(actor: Actor, caseId: string): Promise<{ access: CaseAccessRow; caseRow: CaseRow }> {
    const access = await loadCaseForActor(db, caseId, actor)
    const caseRow = await findCase(db, caseId)
    if (!caseRow) throw materialsErrors.materialNotFound()
    return { access, caseRow }
  }

  function toMaterial(row: repo.MaterialRow, actor: Actor): CaseMaterial {
    return {
      id: row.id,
      materialCode: row.material_code,
      materialName: row.material_name,
      fileName: cipher.decrypt(row.file_name_cipher, bindingOf(row.id)),
      kind: row.detected_kind as CaseMaterial['kind'],
      contentType: FILE_KINDS[row.detected_kind].contentType,
      size: Number(row.size_bytes),
      sm3: row.sm3_digest,
      uploadedAt: row.uploaded_at.toISOString(),
      isUploadedByMe: row.uploaded_by === actor.id,
      superseded: row.superseded,
      replacedBy: row.replaced_by,
    }
  }

  /**
   * Checks, before the body is read, that the actor may add a material of `materialCode` to the case now; returns
   * its name. Throws CASE_NOT_FOUND (404), CASE_MATERIALS_LOCKED (409), CASE_MATERIAL_CODE_UNKNOWN (400).
   */
  async function checkUpload(actor: Actor, caseId: string, materialCode: string): Promise<GuideMaterial> {
    const { access, caseRow } = await loadCase(actor, caseId)
    assertMayChange(access, actor, caseRow.state)
    const material = (await listGuideMaterials(caseRow)).find((candidate) => candidate.id === materialCode)
    if (!material) throw materialsErrors.materialCodeUnknown(materialCode)
    return material
  }

  /**
   * Stores an upload that passed the upload service's checks as a material of the case (replacing `replaces`, if
   * given): the encrypted file first, then the row in one transaction with the case row locked (a concurrent
   * submission or another upload waits); on any failure the stored file is removed again, so nothing is left.
   * Throws CASE_NOT_FOUND, CASE_MATERIALS_LOCKED, CASE_MATERIAL_CODE_UNKNOWN, CASE_MATERIALS_TOO_LARGE (413),
   * CASE_MATERIAL_SUPERSEDED (409).
   */
  async function storeMaterial(
    context: AuditContext,
    actor: Actor,
    caseId: string,
    material: GuideMaterial,
    upload: ReceivedUpload,
    replaces?: string,
  ): Promise<CaseMaterial> {
    const kind = upload.kind as MaterialKind
    if (HIDDEN_FORMAT_CHARACTERS.test(upload.fileName)) throw materialsErrors.fileNameHidden()
    // Checked before writing anything (a replacement may free space, so it is only checked under the lock below).
    if (!replaces && (await repo.sumCaseBytes(db, caseId)) + upload.size > limits.maxCaseBytes)
      throw materialsErrors.caseLimitExceeded(limits.maxCaseBytes)
    const id = randomUUID()
    const storageKey = storageKeyOf(caseId, id)
    let digest: { sm3: string; size: number }
    try {
      digest = await files.put(storageKey, createReadStream(upload.path))
    } catch (error) {
      await files.delete(storageKey).catch(() => {})
      throw translateStoreError(error)
    }
    try {
      return await db.transaction(async (tx) => {
        const access = await loadCaseForActor(tx, caseId, actor)
        const locked = await lockCase(tx, caseId)
        if (!locked) throw materialsErrors.materialNotFound()
        assertMayChange(access, actor, locked.state)
        const at = now()
        let removedOld: string | undefined
        if (replaces) {
          const old = await repo.findMaterial(tx, caseId, replaces)
          if (!old) throw materialsErrors.materialNotFound()
          if (old.superseded) throw materialsErrors.alreadySuperseded()
          if (isNeverSubmittedDraft(locked)) {
            // A draft nobody but the applicant has seen: the old file is simply gone.
            await repo.deleteMaterial(tx, old.id)
            removedOld = old.storage_key
          }
        }
        if ((await repo.sumCaseBytes(tx, caseId)) + digest.size > limits.maxCaseBytes)
          throw materialsErrors.caseLimitExceeded(limits.maxCaseBytes)
        const row = await repo.insertMaterial(tx, {
          id,
          case_id: caseId,
          material_code: material.id,
          material_name: material.name,
          file_name_cipher: cipher.encrypt(upload.fileName, bindingOf(id)),
          detected_kind: kind,
          size_bytes: digest.size,
          sm3_digest: digest.sm3,
          storage_key: storageKey,
          uploaded_by: actor.id,
          uploaded_at: at,
        })
        if (replaces && !removedOld) {
          if (!(await repo.supersedeMaterial(tx, replaces, actor.id, id, at))) throw materialsErrors.alreadySuperseded()
        }
        await audit.record(tx, context, {
          action: replaces ? 'case.material.replace' : 'case.material.upload',
          target: `case:${caseId}`,
          result: 'success',
          // The file name stays out: it may name a person.
          details: { materialId: id, materialCode: material.id, kind, size: digest.size, replaces: replaces ?? null },
        })
        if (removedOld) {
          const key = removedOld
          tx.afterCommit(() => files.delete(key).catch(() => {}))
        }
        return toMaterial(row, actor)
      })
    } catch (error) {
      await files.delete(storageKey).catch(() => {})
      throw error
    }
  }

  function isNeverSubmittedDraft(row: CaseRow): boolean {
    return row.state === CaseState.draft && row.submitted_at === null
  }

  /**
   * Replacing: the same checks as an upload, for an existing current material; returns the material's code and
   * name for `storeMaterial`. Throws CASE_NOT_FOUND, CASE_MATERIAL_NOT_FOUND, CASE_MATERIALS_LOCKED, CASE_MATERIAL_SUPERSEDED.
   */
  async function checkReplacement(actor: Actor, caseId: string, materialId: string): Promise<GuideMaterial> {
    const { access, caseRow } = await loadCase(actor, caseId)
    const old = await repo.findMaterial(db, caseId, materialId)
    if (!old) throw materialsErrors.materialNotFound()
    assertMayChange(access, actor, caseRow.state)
    if (old.superseded) throw materialsErrors.alreadySuperseded()
    return { id: old.material_code, name: old.material_name, requirement: 'required' }
  }

  /**
   * Takes a material out of the application: a never-submitted draft's file is deleted; otherwise the material
   * is kept for the record, marked superseded. Throws CASE_NOT_FOUND, CASE_MATERIAL_NOT_FOUND,
   * CASE_MATERIALS_LOCKED, CASE_MATERIAL_SUPERSEDED.
   */
  async function removeMaterial(context: AuditContext, actor: Actor, caseId: string, materialId: string) {
    await db.transaction(async (tx) => {
      const access = await loadCaseForActor(tx, caseId, actor)
      const locked = await lockCase(tx, caseId)
      const old = await repo.findMaterial(tx, caseId, materialId)
      if (!locked || !old) throw materialsErrors.materialNotFound()
      assertMayChange(access, actor, locked.state)
      if (old.superseded) throw materialsErrors.alreadySuperseded()
      if (isNeverSubmittedDraft(locked)) {
        await repo.deleteMaterial(tx, old.id)
        tx.afterCommit(() => files.delete(old.storage_key).catch(() => {}))
      } else {
        await repo.supersedeMaterial(tx, old.id, actor.id, null, now())
      }
      await audit.record(tx, context, {
        action: 'case.material.delete',
        target: `case:${caseId}`,
        result: 'success',
        details: { materialId: old.id, materialCode: old.material_code },
      })
    })
  }

  /** The case's materials (superseded ones too) and which required ones are provided. Throws CASE_NOT_FOUND. */
  async function listCaseMaterials(actor: Actor, caseId: string): Promise<CaseMaterialList> {
    const { access, caseRow } = await loadCase(actor, caseId)
    const rows = await repo.listMaterials(db, caseId)
    const provided = new Set(rows.filter((row) => !row.superseded).map((row) => row.material_code))
    const required: RequiredMaterial[] = (await listGuideMaterials(caseRow)).map((material) => ({
      code: material.id,
      name: material.name,
      requirement: material.requirement,
      isProvided: provided.has(material.id),
    }))
    return {
      materials: rows.map((row) => toMaterial(row, actor)),
      required,
      totalBytes: rows.reduce((sum, row) => sum + Number(row.size_bytes), 0),
      maxCaseBytes: limits.maxCaseBytes,
      maxFileBytes: limits.maxFileBytes,
      canChange: mayChange(access, actor, caseRow.state),
    }
  }

  /**
   * A material for download or viewing, to whoever may see the case (else 404, the same as a missing one); the
   * read is audited. Throws CASE_NOT_FOUND, CASE_MATERIAL_NOT_FOUND, CASE_MATERIAL_DAMAGED, CASE_MATERIAL_STORE_UNAVAILABLE.
   */
  async function openMaterial(
    context: AuditContext,
    actor: Actor,
    caseId: string,
    materialId: string,
    purpose: 'download' | 'view',
  ): Promise<OpenedMaterial> {
    await loadCaseForActor(db, caseId, actor)
    const row = await repo.findMaterial(db, caseId, materialId)
    if (!row) throw materialsErrors.materialNotFound()
    // Browsers have no OFD reader; an OFD is only downloaded.
    if (purpose === 'view' && row.detected_kind === 'ofd') throw materialsErrors.notViewable()
    const stream = await openChecked(row)
    try {
      await db.transaction((tx) =>
        audit.record(tx, context, {
          action: `case.material.${purpose}`,
          target: `case:${caseId}`,
          result: 'success',
          details: { materialId: row.id, materialCode: row.material_code },
        }),
      )
    } catch (error) {
      // No read without its audit record; release the stored stream.
      stream.destroy()
      throw error
    }
    return {
      fileName: cipher.decrypt(row.file_name_cipher, bindingOf(row.id)),
      kind: row.detected_kind,
      contentType: FILE_KINDS[row.detected_kind].contentType,
      size: Number(row.size_bytes),
      stream,
    }
  }

  /** The plaintext stream with its first segment already decrypted and checked, so a damaged file fails before any header. */
  async function openChecked(row: repo.MaterialRow): Promise<Readable> {
    let source: Readable
    try {
      source = await files.get(row.storage_key)
    } catch (error) {
      throw await reportDamage(error, row)
    }
    const iterator = source[Symbol.asyncIterator]()
    let first: IteratorResult<Buffer>
    try {
      first = await iterator.next()
    } catch (error) {
      throw await reportDamage(error, row)
    }
    async function* rest(): AsyncGenerator<Buffer> {
      if (!first.done) yield first.value
      while (true) {
        const next = await iterator.next()
        if (next.done) return
        yield next.value
      }
    }
    return Readable.from(rest(), { objectMode: false })
  }

  async function reportDamage(error: unknown, row: repo.MaterialRow): Promise<unknown> {
    const translated = translateStoreError(error)
    if (translated instanceof AppError && translated.code === 'CASE_MATERIAL_DAMAGED') {
      await audit
        .raiseAlert({
          kind: 'ciphertext_invalid',
          title: '材料文件完整性校验失败',
          detail: 'cases.materials：存储的文件缺失、被篡改或从其他位置移入',
          target: `cases.materials:${row.id}`,
        })
        .catch(() => {})
    }
    return translated
  }

  /** Audits a refused malicious upload ('denied') and raises the 'malicious_upload' alert. */
  async function recordMaliciousUpload(context: AuditContext, caseId: string, refusal: UploadRefusal): Promise<void> {
    await db.transaction(async (tx) => {
      await audit.record(tx, context, {
        action: 'case.material.upload',
        target: `case:${caseId}`,
        result: 'denied',
        details: { reason: refusal.reason, detected: refusal.detected ?? null, code: refusal.code },
      })
      await audit.raiseAlert(
        {
          kind: 'malicious_upload',
          title: '拦截可疑的上传文件',
          detail: `case.material.upload：${refusal.reason}${refusal.detected ? `（${refusal.detected}）` : ''}`,
          target: context.actor ? `account:${context.actor.accountId}` : null,
        },
        { tx, context },
      )
    })
  }

  /**
   * Deletes stored material files that no row refers to and that are older than `olderThanMs` (left by a crash
   * between writing the file and committing its row); returns how many.
   */
  async function sweepOrphanFiles(olderThanMs = ORPHAN_AGE_MS): Promise<number> {
    const cutoff = now().getTime() - olderThanMs
    let removed = 0
    let batch: string[] = []
    const flush = async () => {
      for (const key of await repo.findUnreferencedKeys(db, batch)) {
        await files.delete(key)
        removed += 1
      }
      batch = []
    }
    for await (const file of files.list(STORAGE_PREFIX)) {
      if (file.modifiedAt.getTime() > cutoff) continue
      batch.push(file.key)
      if (batch.length >= 500) await flush()
    }
    await flush()
    return removed
  }

  /** Codes of the materials the case currently provides (not superseded), e.g. for pre-review. */
  async function listProvidedMaterialCodes(q: Queryable, caseId: string): Promise<string[]> {
    const rows = await repo.listMaterials(q, caseId)
    return [...new Set(rows.filter((row) => !row.superseded).map((row) => row.material_code))]
  }

  return {
    checkUpload,
    checkReplacement,
    storeMaterial,
    removeMaterial,
    listCaseMaterials,
    openMaterial,
    recordMaliciousUpload,
    sweepOrphanFiles,
    listProvidedMaterialCodes,
  }
}

export type CaseMaterialsService = ReturnType<typeof createCaseMaterialsService>
