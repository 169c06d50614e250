import type { Db, Queryable, Transaction } from '../../platform/db/index.js'
import { AdvisoryLock, isUniqueViolation } from '../../platform/db/index.js'
import { commonErrors } from '../../platform/errors/index.js'
import type { UploadRefusal } from '../../platform/upload/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import type { Actor, IdentityService } from '../identity/index.js'
import { Permission } from '../identity/index.js'
import { type ApplicationForm, describeApplicationFormChange } from './application-form.js'
import { findApplicationFormProblems } from './application-form-check.js'
import { catalogErrors } from './catalog.errors.js'
import * as repo from './catalog.repository.js'
import type {
  ImportProblem,
  ImportReport,
  ItemGuide,
  ItemStatus,
  ItemSummary,
  ItemVersion,
  ItemVersionSummary,
  PublishedItem,
  Synonym,
  SynonymBody,
  VersionDiff,
} from './catalog.schemas.js'
import { buildDepartmentIndex, type DepartmentIndex, listEditableDepartmentIds } from './department-scope.js'
import { validateGuide } from './guide-validation.js'
import { createItemSearch } from './item-search.js'
import { createNoticeIssuing } from './notice-issuing.js'
import { buildSearchDocument } from './search-text.js'
import { buildVersionDiff } from './version-diff.js'

export type CatalogDeps = {
  db: Db
  audit: Pick<AuditService, 'record' | 'raiseAlert'>
  identity: Pick<IdentityService, 'getDepartmentDirectory'>
  publicUrl: string
  /** Prefix of one-time notice numbers, e.g. CS-GZ (常熟 告知). */
  noticePrefix?: string
}

/** A blank form or sample as the upload checks passed it: the sniffed media type, never one taken from the name. */
export type UploadedFile = { fileName: string; contentType: string; content: Buffer }

/** Who edits: an actor's name, permissions and department, or the system (seeding). */
export type Editor = Pick<Actor, 'displayName' | 'departmentId' | 'permissions'>

/** The system as an editor: seeding and maintenance scripts, allowed everything. */
export const SYSTEM_EDITOR: Editor = {
  displayName: '系统',
  departmentId: null,
  permissions: new Set([Permission.editCatalogItems, Permission.publishCatalogItems, Permission.manageCatalogSynonyms]),
}

function toVersion(row: repo.VersionRow): ItemVersion {
  return {
    code: row.item_code,
    version: row.version,
    status: row.status,
    revision: row.revision,
    departmentId: row.department_id,
    departmentName: row.department_name,
    guide: row.guide,
    applicationForm: row.application_form,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    publishedAt: row.published_at?.toISOString() ?? null,
    publishedBy: row.published_by,
    reviewComment: row.review_comment,
  }
}

function toVersionSummary(row: repo.VersionRow): ItemVersionSummary {
  const { guide: _guide, applicationForm: _form, ...summary } = toVersion(row)
  return summary
}

function toSummary(row: repo.SummaryRow): ItemSummary {
  let status: ItemStatus
  if (row.working_version !== null) status = row.status === 'submitted' ? 'submitted' : 'draft'
  else if (row.published_version !== null) status = 'published'
  else status = row.is_withdrawn ? 'withdrawn' : 'draft'
  return {
    code: row.code,
    name: row.name,
    itemType: row.item_type as ItemSummary['itemType'],
    departmentId: row.department_id,
    departmentName: row.department_name,
    onlineDepth: row.online_depth as ItemSummary['onlineDepth'],
    subjects: row.subjects as ItemSummary['subjects'],
    themes: row.themes as ItemSummary['themes'],
    status,
    publishedVersion: row.published_version,
    workingVersion: row.working_version,
    updatedAt: row.updated_at.toISOString(),
  }
}

export function createCatalogService(deps: CatalogDeps) {
  const { db, audit, identity } = deps
  const search = createItemSearch({ db, identity })
  const notices = createNoticeIssuing({
    db,
    publicUrl: deps.publicUrl,
    noticePrefix: deps.noticePrefix ?? 'CS-GZ',
    identity,
    getPublished: (code) => getPublishedItem(code),
  })

  async function loadDepartments(): Promise<DepartmentIndex> {
    return buildDepartmentIndex((await identity.getDepartmentDirectory()).departments)
  }

  function canPublish(editor: Editor): boolean {
    return editor.permissions.has(Permission.publishCatalogItems)
  }

  /** Department ids the editor may edit; null means every department (the centre). */
  function editableScope(editor: Editor, departments: DepartmentIndex): string[] | null {
    if (canPublish(editor)) return null
    if (!editor.permissions.has(Permission.editCatalogItems)) return []
    return listEditableDepartmentIds(departments, editor.departmentId)
  }

  function assertMayEdit(editor: Editor, departments: DepartmentIndex, departmentId: string) {
    const scope = editableScope(editor, departments)
    if (scope && !scope.includes(departmentId))
      throw catalogErrors.notYourDepartment(departments.byId.get(departmentId)?.name ?? '其他部门')
  }

  function resolveDepartment(departments: DepartmentIndex, guide: ItemGuide) {
    const department = departments.byCode.get(guide.departmentCode)
    if (!department) throw catalogErrors.departmentUnknown(guide.departmentCode)
    return department
  }

  function checkGuide(guide: ItemGuide): ItemGuide {
    const result = validateGuide(guide)
    if (result.problems.length > 0) throw catalogErrors.guideInvalid(result.problems)
    return guide
  }

  function checkApplicationForm(form: ApplicationForm | null | undefined) {
    if (!form) return
    const problems = findApplicationFormProblems(form)
    if (problems.length > 0) throw catalogErrors.applicationFormInvalid(problems)
  }

  async function getItemForUpdate(tx: Queryable, code: string): Promise<repo.ItemRow> {
    const item = await repo.findItem(tx, code, true)
    if (!item) throw catalogErrors.itemNotFound(code)
    return item
  }

  async function getVersionRow(tx: Queryable, code: string, version: number): Promise<repo.VersionRow> {
    const row = await repo.findVersion(tx, code, version)
    if (!row) throw catalogErrors.versionNotFound(code, version)
    return row
  }

  /** Creates an item (version 1, draft) inside `tx`. */
  async function createItemIn(
    tx: Transaction,
    context: AuditContext,
    editor: Editor,
    guide: ItemGuide,
    departments: DepartmentIndex,
    applicationForm: ApplicationForm | null = null,
  ) {
    const department = resolveDepartment(departments, guide)
    assertMayEdit(editor, departments, department.id)
    if (await repo.findItem(tx, guide.code)) throw catalogErrors.itemCodeTaken(guide.code)
    try {
      await repo.insertItem(tx, guide.code, department.id)
    } catch (error) {
      if (isUniqueViolation(error)) throw catalogErrors.itemCodeTaken(guide.code)
      throw error
    }
    await repo.insertVersion(tx, {
      code: guide.code,
      version: 1,
      status: 'draft',
      guide,
      doc: buildSearchDocument(guide, department.name),
      departmentId: department.id,
      departmentName: department.name,
      createdBy: editor.displayName,
      applicationForm,
    })
    await audit.record(tx, context, {
      action: 'catalog.item.create',
      target: `item:${guide.code}`,
      result: 'success',
      details: { name: guide.name, department: department.name },
    })
  }

  /**
   * Saves `guide` as the item's draft inside `tx`: a published (or withdrawn) item gets a new draft version.
   * Returns the draft's version number.
   */
  async function saveDraftIn(
    tx: Transaction,
    context: AuditContext,
    editor: Editor,
    guide: ItemGuide,
    departments: DepartmentIndex,
    expectedRevision?: number,
    applicationForm?: ApplicationForm | null,
  ): Promise<number> {
    const item = await getItemForUpdate(tx, guide.code)
    assertMayEdit(editor, departments, item.department_id)
    const department = resolveDepartment(departments, guide)
    assertMayEdit(editor, departments, department.id)
    const doc = buildSearchDocument(guide, department.name)
    let version: number
    if (item.working_version !== null) {
      const working = await getVersionRow(tx, guide.code, item.working_version)
      if (working.status === 'submitted') throw catalogErrors.underReview(guide.code)
      if (expectedRevision !== undefined && expectedRevision !== working.revision) throw catalogErrors.draftChanged()
      version = working.version
      await repo.updateDraftGuide(tx, guide.code, version, {
        guide,
        doc,
        departmentId: department.id,
        departmentName: department.name,
        applicationForm,
      })
    } else {
      const latest = await repo.findLatestVersionNumber(tx, guide.code)
      version = latest + 1
      // A new draft starts from the form of the version it follows, unless the editor sent another one.
      const inherited =
        applicationForm === undefined
          ? ((await repo.findVersion(tx, guide.code, latest))?.application_form ?? null)
          : null
      await repo.insertVersion(tx, {
        code: guide.code,
        version,
        status: 'draft',
        guide,
        doc,
        departmentId: department.id,
        departmentName: department.name,
        createdBy: editor.displayName,
        applicationForm: applicationForm === undefined ? inherited : applicationForm,
      })
    }
    await repo.updateItem(tx, guide.code, { workingVersion: version, departmentId: department.id })
    await audit.record(tx, context, {
      action: 'catalog.item.save-draft',
      target: `item:${guide.code}`,
      result: 'success',
      details: {
        version,
        ...(applicationForm !== undefined ? { applicationForm: applicationForm ? 'set' : 'removed' } : {}),
      },
    })
    return version
  }

  async function publishIn(tx: Transaction, context: AuditContext, editor: Editor, code: string, fromDraft = false) {
    if (!canPublish(editor)) throw commonErrors.forbidden('只有政务服务中心可以发布事项')
    const item = await getItemForUpdate(tx, code)
    if (item.working_version === null) throw catalogErrors.wrongStatus(`事项 ${code} 没有待发布的版本`)
    const working = await getVersionRow(tx, code, item.working_version)
    if (working.status !== 'submitted' && !fromDraft)
      throw catalogErrors.wrongStatus(`事项 ${code} 第 ${working.version} 版尚未提交审核，不能发布`)
    if (item.published_version !== null) await repo.setVersionStatus(tx, code, item.published_version, 'superseded')
    await repo.setVersionStatus(tx, code, working.version, 'published', { publishedBy: editor.displayName })
    await repo.updateItem(tx, code, { publishedVersion: working.version, workingVersion: null, isWithdrawn: false })
    await audit.record(tx, context, {
      action: 'catalog.item.publish',
      target: `item:${code}`,
      result: 'success',
      details: { version: working.version, previousVersion: item.published_version },
    })
    tx.afterCommit(() => search.forgetCommonTerms())
    return working.version
  }

  /**
   * Creates an item from its guide (version 1, draft), with its application form if given. Throws
   * CATALOG_ITEM_CODE_TAKEN, CATALOG_NOT_YOUR_DEPARTMENT, CATALOG_APPLICATION_FORM_INVALID (400).
   */
  async function createItem(
    context: AuditContext,
    editor: Editor,
    guide: ItemGuide,
    applicationForm?: ApplicationForm | null,
  ): Promise<ItemVersion> {
    checkGuide(guide)
    checkApplicationForm(applicationForm)
    const departments = await loadDepartments()
    await db.transaction((tx) => createItemIn(tx, context, editor, guide, departments, applicationForm ?? null))
    return toVersion(await getVersionRow(db, guide.code, 1))
  }

  async function getDraft(editor: Editor, code: string): Promise<ItemVersion> {
    const item = await repo.findItem(db, code)
    if (!item) throw catalogErrors.itemNotFound(code)
    assertMayRead(editor, await loadDepartments(), item.department_id)
    const version = item.working_version ?? item.published_version ?? (await repo.findLatestVersionNumber(db, code))
    return toVersion(await getVersionRow(db, code, version))
  }

  function assertMayRead(editor: Editor, departments: DepartmentIndex, departmentId: string) {
    assertMayEdit(editor, departments, departmentId)
  }

  /**
   * Saves the draft of an item; editing a published item starts a new draft version. `applicationForm` undefined
   * keeps the form the draft (or the version it follows) has; null removes it. Throws CATALOG_NOT_YOUR_DEPARTMENT
   * (403), CATALOG_VERSION_UNDER_REVIEW / CATALOG_DRAFT_CHANGED (409), CATALOG_ITEM_CODE_MISMATCH /
   * CATALOG_APPLICATION_FORM_INVALID (400).
   */
  async function saveDraft(
    context: AuditContext,
    editor: Editor,
    code: string,
    guide: ItemGuide,
    expectedRevision?: number,
    applicationForm?: ApplicationForm | null,
  ): Promise<ItemVersion> {
    if (guide.code !== code) throw catalogErrors.codeMismatch(code, guide.code)
    const departments = await loadDepartments()
    // Check the department before the guide, so another department's editor learns nothing but "not yours".
    const item = await repo.findItem(db, code)
    if (!item) throw catalogErrors.itemNotFound(code)
    assertMayEdit(editor, departments, item.department_id)
    checkGuide(guide)
    checkApplicationForm(applicationForm)
    const version = await db.transaction((tx) =>
      saveDraftIn(tx, context, editor, guide, departments, expectedRevision, applicationForm),
    )
    return toVersion(await getVersionRow(db, code, version))
  }

  /** Sends the draft to the centre for review. Throws CATALOG_WRONG_STATUS (409) when there is no draft. */
  async function submitItem(context: AuditContext, editor: Editor, code: string): Promise<ItemVersion> {
    const departments = await loadDepartments()
    const version = await db.transaction(async (tx) => {
      const item = await getItemForUpdate(tx, code)
      assertMayEdit(editor, departments, item.department_id)
      if (item.working_version === null) throw catalogErrors.wrongStatus(`事项 ${code} 没有可提交的草稿`)
      const working = await getVersionRow(tx, code, item.working_version)
      if (working.status !== 'draft') throw catalogErrors.wrongStatus(`事项 ${code} 已提交审核`)
      await repo.setVersionStatus(tx, code, working.version, 'submitted', { submitted: true })
      await repo.updateItem(tx, code, {})
      await audit.record(tx, context, {
        action: 'catalog.item.submit',
        target: `item:${code}`,
        result: 'success',
        details: { version: working.version },
      })
      return working.version
    })
    return toVersion(await getVersionRow(db, code, version))
  }

  /** The centre sends a submitted version back to its department with a reason. */
  async function returnItem(context: AuditContext, editor: Editor, code: string, reason: string) {
    if (!canPublish(editor)) throw commonErrors.forbidden('只有政务服务中心可以审核事项')
    const version = await db.transaction(async (tx) => {
      const item = await getItemForUpdate(tx, code)
      const working = item.working_version !== null ? await getVersionRow(tx, code, item.working_version) : undefined
      if (working?.status !== 'submitted') throw catalogErrors.wrongStatus(`事项 ${code} 没有待审核的版本`)
      await repo.setVersionStatus(tx, code, working.version, 'draft', { reviewComment: reason })
      await repo.updateItem(tx, code, {})
      await audit.record(tx, context, {
        action: 'catalog.item.return',
        target: `item:${code}`,
        result: 'success',
        details: { version: working.version, reason },
      })
      return working.version
    })
    return toVersion(await getVersionRow(db, code, version))
  }

  /** Publishes the submitted version; the previous published version stays readable as superseded. */
  async function publishItem(context: AuditContext, editor: Editor, code: string): Promise<ItemVersion> {
    const version = await db.transaction((tx) => publishIn(tx, context, editor, code))
    return toVersion(await getVersionRow(db, code, version))
  }

  /** Takes an item out of the public catalog; its versions stay readable and a new draft can be published later. */
  async function withdrawItem(context: AuditContext, editor: Editor, code: string, reason: string) {
    if (!canPublish(editor)) throw commonErrors.forbidden('只有政务服务中心可以撤销事项')
    await db.transaction(async (tx) => {
      const item = await getItemForUpdate(tx, code)
      if (item.published_version === null) throw catalogErrors.wrongStatus(`事项 ${code} 未发布，无需撤销`)
      await repo.setVersionStatus(tx, code, item.published_version, 'withdrawn', { reviewComment: reason })
      await repo.updateItem(tx, code, { publishedVersion: null, isWithdrawn: true })
      await audit.record(tx, context, {
        action: 'catalog.item.withdraw',
        target: `item:${code}`,
        result: 'success',
        details: { version: item.published_version, reason },
      })
    })
    const [summary] = await repo.listItemSummaries(db, { departmentIds: null, codes: [code] })
    return toSummary(summary as repo.SummaryRow)
  }

  async function listWorkbenchItems(editor: Editor, filter: { status?: ItemStatus; q?: string }) {
    const scope = editableScope(editor, await loadDepartments())
    return (await repo.listItemSummaries(db, { departmentIds: scope, ...filter })).map(toSummary)
  }

  async function listReviewQueue(): Promise<ItemVersionSummary[]> {
    return (await repo.listSubmittedVersions(db)).map(toVersionSummary)
  }

  async function listItemVersions(editor: Editor, code: string): Promise<ItemVersionSummary[]> {
    const item = await repo.findItem(db, code)
    if (!item) throw catalogErrors.itemNotFound(code)
    assertMayRead(editor, await loadDepartments(), item.department_id)
    return (await repo.listVersions(db, code)).map(toVersionSummary)
  }

  /** One version of an item's guide, whatever its status. Throws CATALOG_VERSION_NOT_FOUND (404). */
  async function getItemVersion(code: string, version: number): Promise<ItemVersion> {
    return toVersion(await getVersionRow(db, code, version))
  }

  async function diffVersions(code: string, from: number, to: number): Promise<VersionDiff> {
    const [a, b] = await Promise.all([getVersionRow(db, code, from), getVersionRow(db, code, to)])
    const formChange = describeApplicationFormChange(a.application_form, b.application_form)
    return { code, from, to, changes: [...buildVersionDiff(a.guide, b.guide), ...(formChange ? [formChange] : [])] }
  }

  /** The guide the public sees now. Throws CATALOG_ITEM_NOT_FOUND (404) when the item is not published. */
  async function getPublishedItem(code: string): Promise<PublishedItem> {
    const row = await repo.findPublishedVersion(db, code)
    if (!row) throw catalogErrors.itemNotFound(code)
    return {
      code: row.item_code,
      version: row.version,
      departmentId: row.department_id,
      departmentName: row.department_name,
      publishedAt: (row.published_at ?? row.created_at).toISOString(),
      guide: row.guide,
      applicationForm: row.application_form,
    }
  }

  // ——— import ———

  /**
   * Imports guides all or nothing: every entry is checked first (schema, rules, department, duplicates) and
   * any problem leaves the catalog untouched with every bad entry reported. With `publish` (the centre and
   * seeding), imported versions are published at once.
   */
  async function importGuides(
    context: AuditContext,
    editor: Editor,
    entries: { row: number; sheet?: string; value: unknown; applicationForm?: ApplicationForm | null }[],
    options: { publish?: boolean; tx?: Transaction; departments?: DepartmentIndex; problems?: ImportProblem[] } = {},
  ): Promise<ImportReport> {
    if (options.publish && !canPublish(editor)) throw commonErrors.forbidden('只有政务服务中心可以导入并直接发布')
    // Inside a caller's transaction the directory must come in: on PGlite a query outside it would wait forever.
    const departments = options.departments ?? (await loadDepartments())
    const scope = editableScope(editor, departments)
    const problems: ImportProblem[] = []
    const guides: ItemGuide[] = []
    const formsByCode = new Map<string, ApplicationForm | null>()
    const seen = new Map<string, number>()
    for (const entry of entries) {
      const code =
        typeof entry.value === 'object' && entry.value && typeof (entry.value as { code?: unknown }).code === 'string'
          ? (entry.value as { code: string }).code
          : null
      const reasons: string[] = []
      const result = validateGuide(entry.value)
      reasons.push(...result.problems)
      if (entry.applicationForm)
        reasons.push(...findApplicationFormProblems(entry.applicationForm).map((problem) => `申请表：${problem}`))
      if (result.guide) {
        const department = departments.byCode.get(result.guide.departmentCode)
        if (!department) reasons.push(`实施部门编码 ${result.guide.departmentCode} 不存在`)
        else if (scope && !scope.includes(department.id)) reasons.push(`只能导入本部门的事项（${department.name}）`)
      }
      if (code !== null) {
        const first = seen.get(code)
        if (first !== undefined) reasons.push(`事项编码 ${code} 与第 ${first} 行重复`)
        else seen.set(code, entry.row)
      }
      // Problems the workbook reader found in this row (a cell it could not read) come first: they are the cause.
      const readerReasons = (options.problems ?? [])
        .filter((problem) => problem.row === entry.row && problem.sheet === entry.sheet)
        .flatMap((problem) => problem.reasons)
      const allReasons = [...new Set([...readerReasons, ...reasons])]
      if (allReasons.length > 0)
        problems.push({
          row: entry.row,
          ...(entry.sheet ? { sheet: entry.sheet } : {}),
          itemCode: code,
          reasons: allReasons,
        })
      else if (result.guide) {
        guides.push(result.guide)
        if (entry.applicationForm !== undefined) formsByCode.set(result.guide.code, entry.applicationForm)
      }
    }
    for (const problem of options.problems ?? []) {
      if (!entries.some((entry) => entry.row === problem.row && entry.sheet === problem.sheet)) problems.push(problem)
    }
    problems.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row)
    const report: ImportReport = { imported: false, total: entries.length, created: [], updated: [], problems }
    if (problems.length > 0 || entries.length === 0) return report

    const work = async (tx: Transaction) => {
      for (const guide of guides) {
        const existing = await repo.findItem(tx, guide.code, true)
        if (existing) {
          if (scope && !scope.includes(existing.department_id)) {
            problems.push({ row: rowOf(guide.code), itemCode: guide.code, reasons: ['该事项属于其他部门，不能覆盖'] })
            continue
          }
          const working = existing.working_version
            ? await repo.findVersion(tx, guide.code, existing.working_version)
            : undefined
          if (working?.status === 'submitted') {
            if (!options.publish) {
              problems.push({ row: rowOf(guide.code), itemCode: guide.code, reasons: ['该事项正在审核中，不能覆盖'] })
              continue
            }
            await repo.setVersionStatus(tx, guide.code, working.version, 'draft')
          }
          await saveDraftIn(tx, context, editor, guide, departments, undefined, formsByCode.get(guide.code))
          report.updated.push(guide.code)
        } else {
          await createItemIn(tx, context, editor, guide, departments, formsByCode.get(guide.code) ?? null)
          report.created.push(guide.code)
        }
        if (options.publish) await publishIn(tx, context, editor, guide.code, true)
      }
      // Refusals found only now (another department's item, an item under review) still undo everything.
      if (problems.length > 0) throw new ImportRefused()
      await audit.record(tx, context, {
        action: 'catalog.implementation-list.import',
        result: 'success',
        details: { created: report.created.length, updated: report.updated.length, published: !!options.publish },
      })
    }
    const rowOf = (code: string) => entries.find((entry) => seen.get(code) === entry.row)?.row ?? 0
    try {
      if (options.tx) await work(options.tx)
      else await db.transaction(work)
    } catch (error) {
      if (error instanceof ImportRefused) return { ...report, created: [], updated: [], problems }
      throw error
    }
    search.forgetSynonyms()
    return { ...report, imported: true }
  }

  /** Newest guide of every item the editor may edit (the centre: all), for export. */
  async function listGuidesForExport(editor: Editor): Promise<ItemGuide[]> {
    const scope = editableScope(editor, await loadDepartments())
    return (await repo.listCurrentGuides(db, scope)).map((row) => row.guide)
  }

  // ——— synonyms ———

  function toSynonym(row: repo.SynonymRow): Synonym {
    return { id: row.id, term: row.term, expansions: row.expansions, updatedAt: row.updated_at.toISOString() }
  }

  async function listSynonyms(): Promise<Synonym[]> {
    return (await repo.listSynonyms(db)).map(toSynonym)
  }

  async function saveSynonym(context: AuditContext, editor: Editor, body: SynonymBody, id?: string): Promise<Synonym> {
    const term = body.term.trim()
    const expansions = [...new Set(body.expansions.map((expansion) => expansion.trim()).filter(Boolean))]
    const saved = await db.transaction(async (tx) => {
      const clash = await repo.findSynonymByTerm(tx, term)
      if (clash && clash.id !== id) throw catalogErrors.synonymTaken(term)
      const row = id
        ? await repo.updateSynonym(tx, id, { term, expansions, updatedBy: editor.displayName })
        : await repo.insertSynonym(tx, { term, expansions, updatedBy: editor.displayName })
      if (!row) throw catalogErrors.synonymNotFound()
      await audit.record(tx, context, {
        action: id ? 'catalog.synonym.update' : 'catalog.synonym.create',
        target: `synonym:${row.id}`,
        result: 'success',
        details: { term, expansions },
      })
      return row
    })
    search.forgetSynonyms()
    return toSynonym(saved)
  }

  async function deleteSynonym(context: AuditContext, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const row = await repo.deleteSynonym(tx, id)
      if (!row) throw catalogErrors.synonymNotFound()
      await audit.record(tx, context, {
        action: 'catalog.synonym.delete',
        target: `synonym:${id}`,
        result: 'success',
        details: { term: row.term },
      })
    })
    search.forgetSynonyms()
  }

  /** Seeds synonyms that do not exist yet (demo mode), inside the caller's transaction. */
  async function ensureSynonyms(tx: Transaction, synonyms: readonly { term: string; expansions: string[] }[]) {
    for (const synonym of synonyms) {
      if (!(await repo.findSynonymByTerm(tx, synonym.term)))
        await repo.insertSynonym(tx, { term: synonym.term, expansions: synonym.expansions, updatedBy: '系统' })
    }
    tx.afterCommit(() => search.forgetSynonyms())
  }

  // ——— files ———

  /** Stores a blank form or sample that passed the upload checks (platform/upload), as the kind it was sniffed as. */
  async function uploadFile(context: AuditContext, editor: Editor, file: UploadedFile) {
    const id = await db.transaction(async (tx) => {
      const stored = await repo.insertFile(tx, { ...file, uploadedBy: editor.displayName })
      await audit.record(tx, context, {
        action: 'catalog.file.upload',
        target: `file:${stored}`,
        result: 'success',
        details: { fileName: file.fileName, contentType: file.contentType, size: file.content.length },
      })
      return stored
    })
    return { id, fileName: file.fileName, url: `/api/catalog/files/${id}`, size: file.content.length }
  }

  /**
   * Records a refused malicious upload as such: an audit record with result 'denied' and the reason, and a
   * 'malicious_upload' alert for the security and audit administrators (repeats from one account count on one alert).
   */
  async function recordMaliciousUpload(context: AuditContext, action: string, refusal: UploadRefusal) {
    const accountId = context.actor?.accountId ?? null
    await db.transaction(async (tx) => {
      await audit.record(tx, context, {
        action,
        target: null,
        result: 'denied',
        // The file name stays out: it may name a person.
        details: { reason: refusal.reason, detected: refusal.detected ?? null, code: refusal.code },
      })
      await audit.raiseAlert(
        {
          kind: 'malicious_upload',
          title: '拦截可疑的上传文件',
          detail: `${action}：${refusal.reason}${refusal.detected ? `（${refusal.detected}）` : ''}`,
          target: accountId ? `account:${accountId}` : null,
        },
        { tx, context },
      )
    })
  }

  /**
   * A stored file for download, with whether it is public: linked from the current published version of an item
   * that is not withdrawn. Anything else (a draft's file, an unlinked upload) only goes to catalog editors; the
   * route decides by `isPublic`. Throws CATALOG_FILE_NOT_FOUND (404).
   */
  async function getFile(id: string) {
    const file = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findFile(db, id) : undefined
    if (!file) throw catalogErrors.fileNotFound()
    const isPublic = await repo.isFileLinkedFromPublishedItem(db, `/api/catalog/files/${id.toLowerCase()}`)
    return { fileName: file.file_name, contentType: file.content_type, content: file.content, isPublic }
  }

  /**
   * Seeds the demo catalog once, published, with its synonyms (demo mode): a catalog that already has items is
   * left as it is. Throws CATALOG_GUIDE_INVALID naming every bad item, so broken demo data fails loudly.
   */
  async function seedCatalog(
    items: readonly ItemGuide[],
    synonyms: readonly { term: string; expansions: string[] }[],
    /** Application forms by item code (the demo's forms are built with the cases field kit). */
    applicationForms: Readonly<Record<string, ApplicationForm>> = {},
  ): Promise<{ seeded: boolean }> {
    const context: AuditContext = { actor: null, clientAddress: null, requestId: null }
    const departments = await loadDepartments()
    return db.transaction(async (tx) => {
      // Several processes may start at once on one PostgreSQL: one seeds, the others find it done.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [AdvisoryLock.catalogSeed])
      if (await repo.hasAnyItem(tx)) return { seeded: false }
      await ensureSynonyms(tx, synonyms)
      const report = await importGuides(
        context,
        SYSTEM_EDITOR,
        items.map((value, index) => ({ row: index + 1, value, applicationForm: applicationForms[value.code] })),
        { publish: true, tx, departments },
      )
      if (!report.imported)
        throw catalogErrors.guideInvalid(
          report.problems.map((problem) => `第 ${problem.row} 条 ${problem.itemCode}：${problem.reasons.join('，')}`),
        )
      return { seeded: true }
    })
  }

  return {
    createItem,
    getDraft,
    saveDraft,
    submitItem,
    returnItem,
    publishItem,
    withdrawItem,
    listWorkbenchItems,
    listReviewQueue,
    listItemVersions,
    getItemVersion,
    diffVersions,
    getPublishedItem,
    importGuides,
    listGuidesForExport,
    listSynonyms,
    saveSynonym,
    deleteSynonym,
    seedCatalog,
    search: search.search,
    searchByIlike: search.searchByIlike,
    getFacets: search.getFacets,
    previewNotice: notices.previewNotice,
    issueNotice: notices.issueNotice,
    getNotice: notices.getNotice,
    renderNoticePdf: notices.renderNoticePdf,
    uploadFile,
    recordMaliciousUpload,
    getFile,
  }
}

class ImportRefused extends Error {}

export type CatalogService = ReturnType<typeof createCatalogService>
