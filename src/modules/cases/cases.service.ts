import { randomUUID } from 'node:crypto'
import type { WorkingDays } from '../../platform/calendar/index.js'
import type { Db, Queryable, Transaction } from '../../platform/db/index.js'
import { commonErrors } from '../../platform/errors/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { buildOneTimeNotice, type CatalogService, type ItemGuide, type PublishedItem } from '../catalog/index.js'
import {
  type Actor,
  findIdNumberProblem,
  type IdentityService,
  isValidUscc,
  type PersonalDataCipher,
} from '../identity/index.js'
import {
  type ApplicationFormDefinition,
  maskApplicationFormData,
  validateApplicationForm,
} from './application-form/index.js'
import {
  isApplicantSide,
  isCentreWideForCases,
  isHandledByActor,
  loadCaseForActor,
  setCaseRoutingPort,
} from './case-access.js'
import { buildCaseClock, type CaseClock, DEFAULT_YELLOW_SHARE, WarningLevel } from './case-clock.js'
import { normalizeApplicantName } from './case-lookup.js'
import { allocateCaseNumber, buildShanghaiDay } from './case-number.js'
import type { CaseNoticeRequest, CaseSideEffects, CaseWorkflowPort } from './case-ports.js'
import { NO_SIDE_EFFECTS } from './case-ports.js'
import { type CaseMaterialCodes, runCasePreReview } from './case-pre-review.js'
import { buildNextState, CASE_STATE_LABELS, CaseAction, CaseState, CLOCK_STATES } from './case-states.js'
import {
  bindCaseField,
  buildRemediesText,
  type CaseCipherColumn,
  maskAddress,
  maskIdNumber,
  maskName,
  maskPhoneNumber,
  toCaseSummary,
  toClockView,
  toOpinionView,
  toTimeline,
} from './case-views.js'
import { casesErrors } from './cases.errors.js'
import * as repo from './cases.repository.js'
import type {
  AgentCaseBody,
  ApplicantInput,
  CaseDetail,
  CaseFile,
  CreateDraftBody,
  DecisionBody,
  DeliveryBody,
  ReviewBody,
  SituationAnswers,
  UpdateDraftBody,
  WindowCaseBody,
} from './cases.schemas.js'

export type CasesSettings = { yellowShare?: number }

type Deps = {
  db: Db
  audit: AuditService
  cipher: PersonalDataCipher
  calendar: WorkingDays
  clock: { now(): Date }
  catalog: Pick<CatalogService, 'getPublishedItem' | 'getItemVersion'>
  identity: Pick<IdentityService, 'getApplicantProfile' | 'findPersonAccountId' | 'getDepartmentDirectory'>
  workflow?: CaseWorkflowPort
  sideEffects?: CaseSideEffects
  /** The materials a case has, for 智能预审 (the materials sub-module; app.ts wires it). */
  materials?: CaseMaterialCodes
  settings?: CasesSettings
}

type Department = { id: string; code: string; name: string; children: Department[] }

type TransitionSpec = {
  action: CaseAction
  side: 'applicant' | 'staff'
  target?: CaseState
  reason?: string | null
  legalBasis?: string | null
  detail?: Record<string, unknown>
  /** Runs under the row lock, after the state check: further checks, and the columns to change. */
  apply?: (tx: Transaction, row: repo.CaseRow, next: CaseState) => Promise<repo.CaseUpdate> | repo.CaseUpdate
  /** Work in another module that must commit with the transition (e.g. the workflow step). */
  within?: (tx: Transaction, row: repo.CaseRow) => Promise<void>
  notice?: (row: repo.CaseRow, tx: Transaction) => Promise<CaseNoticeRequest | undefined>
  message: (row: repo.CaseRow) => string
}

const REMEDIES_FALLBACK = buildRemediesText('')
const SYSTEM_ACTOR_NAME = '系统'
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function createCasesService(deps: Deps) {
  const { db, audit, cipher, calendar, identity } = deps
  const sideEffects = deps.sideEffects ?? NO_SIDE_EFFECTS
  const yellowShare = deps.settings?.yellowShare ?? DEFAULT_YELLOW_SHARE
  const now = () => deps.clock.now()

  // ——— departments (identity), read through the caller's queryable so it works inside a transaction ———

  async function loadDirectory(q: Queryable) {
    const directory = await identity.getDepartmentDirectory(q)
    const byId = new Map<string, { department: Department; parentId: string | null }>()
    const walk = (list: Department[], parentId: string | null) => {
      for (const department of list) {
        byId.set(department.id, { department, parentId })
        walk(department.children, department.id)
      }
    }
    walk(directory.departments as Department[], null)
    return { division: directory.division, byId }
  }

  /** The department, every department above it and every one below it (see CaseRoutingPort). */
  async function listHandledDepartmentIds(q: Queryable, departmentId: string): Promise<string[]> {
    const { byId } = await loadDirectory(q)
    const ids = new Set<string>([departmentId])
    for (let current = byId.get(departmentId); current?.parentId && !ids.has(current.parentId); ) {
      ids.add(current.parentId)
      current = byId.get(current.parentId)
    }
    const below = (department: Department) => {
      for (const child of department.children) {
        ids.add(child.id)
        below(child)
      }
    }
    const own = byId.get(departmentId)
    if (own) below(own.department)
    return [...ids]
  }

  setCaseRoutingPort({
    listHandledDepartmentIds,
    listProcessDepartmentIds: async (q, instanceId) =>
      deps.workflow ? deps.workflow.listProcessDepartmentIds(q, instanceId) : [],
  })
  deps.workflow?.onReturnedToApplicant(recordInboxReturn)

  // ——— personal data ———

  function seal(caseId: string, column: CaseCipherColumn, value: string | null | undefined): string | null {
    return value === null || value === undefined || value === ''
      ? null
      : cipher.encrypt(value, bindCaseField(caseId, column))
  }

  function open(row: repo.CaseRow, column: CaseCipherColumn): string | null {
    const value = row[column]
    return value ? cipher.decrypt(value, bindCaseField(row.id, column)) : null
  }

  function readFormData(row: repo.CaseRow): Record<string, unknown> {
    const text = open(row, 'form_data_cipher')
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  }

  /** Staff see the form's personal data masked until an audited 查看; the applicant's side sees what it entered. */
  async function readFormDataFor(actor: Actor, row: repo.CaseRow): Promise<Record<string, unknown>> {
    const data = readFormData(row)
    if (actor.kind !== 'staff') return data
    const form = await getFiledForm(row)
    return form ? maskApplicationFormData(form, data) : data
  }

  function actorName(actor: Actor | null): string {
    if (!actor) return SYSTEM_ACTOR_NAME
    // A person's own name is personal data: the history names staff, and the applicant's side by role.
    return actor.kind === 'staff' ? actor.displayName : '申请人'
  }

  // ——— items ———

  async function getItem(itemCode: string): Promise<PublishedItem> {
    try {
      return await deps.catalog.getPublishedItem(itemCode)
    } catch (error) {
      if ((error as { code?: string }).code === 'CATALOG_ITEM_NOT_FOUND') throw casesErrors.itemNotAvailable(itemCode)
      throw error
    }
  }

  /**
   * The guide's time limit for these situation answers (a situation may change it); throws CATALOG_ANSWERS_INVALID
   * (400, naming each unanswered or unknown question) when the answers are not complete.
   */
  function checkAnswers(guide: ItemGuide, version: number, answers: Record<string, unknown>) {
    return buildOneTimeNotice(guide, answers as SituationAnswers, { itemVersion: version, departmentName: '' })
      .timeLimit
  }

  async function getFiledGuide(row: Pick<repo.CaseRow, 'item_code' | 'item_version'>): Promise<ItemGuide> {
    return (await deps.catalog.getItemVersion(row.item_code, row.item_version)).guide
  }

  /** The item version's application form, or null when it has none (then only the situations are checked). */
  async function getFiledForm(row: Pick<repo.CaseRow, 'item_code' | 'item_version'>) {
    const version = await deps.catalog.getItemVersion(row.item_code, row.item_version)
    return (version.applicationForm ?? null) as ApplicationFormDefinition | null
  }

  /** Refuses form data the item's form does not accept (400 CASE_FORM_INVALID, each problem with its field). */
  function checkForm(form: ApplicationFormDefinition | null, data: unknown, mode: 'draft' | 'submit') {
    if (!form) return
    const problems = validateApplicationForm(form, data, { mode, now: now() })
    if (problems.length > 0) throw casesErrors.formInvalid(problems)
  }

  // ——— creation ———

  type Applicant = {
    kind: 'person' | 'organization'
    accountId: string | null
    name: string
    idNumber: string | null
    uscc: string | null
    phone: string | null
    address: string | null
  }

  function checkApplicant(input: ApplicantInput): Applicant {
    if (input.kind === 'person') {
      if (!input.idNumber) throw casesErrors.applicantInvalid('请填写申请人的居民身份证号码')
      const problem = findIdNumberProblem(input.idNumber)
      if (problem) throw casesErrors.applicantInvalid(`居民身份证号码有误：${problem}`)
    } else if (!input.uscc || !isValidUscc(input.uscc)) {
      throw casesErrors.applicantInvalid('统一社会信用代码有误，请核对')
    }
    return {
      kind: input.kind,
      accountId: null,
      name: input.name.trim(),
      idNumber: input.kind === 'person' ? (input.idNumber ?? '').toUpperCase() : null,
      uscc: input.kind === 'organization' ? (input.uscc ?? null) : null,
      phone: input.phone ?? null,
      address: input.address?.trim() || null,
    }
  }

  async function insertNewCase(
    context: AuditContext,
    actor: Actor,
    input: {
      item: PublishedItem
      applicant: Applicant
      channel: repo.CaseRow['channel']
      state: CaseState
      filedBy: string | null
      authorization: string | null
      answers: SituationAnswers
      formData: Record<string, unknown> | undefined
    },
  ): Promise<repo.CaseRow> {
    return db.transaction(async (tx) => {
      const at = now()
      const id = randomUUID()
      const { applicant, item } = input
      const number = await allocateCaseNumber(tx, item.guide.divisionCode, at)
      const row = await repo.insertCase(tx, {
        id,
        number,
        itemCode: item.code,
        itemVersion: item.version,
        itemName: item.guide.name,
        departmentId: item.departmentId,
        divisionCode: item.guide.divisionCode,
        channel: input.channel,
        state: input.state,
        applicantKind: applicant.kind,
        applicantAccountId: applicant.accountId,
        applicantNameCipher: seal(id, 'applicant_name_cipher', applicant.name) as string,
        applicantNameIndex: cipher.blindIndex(normalizeApplicantName(applicant.name)),
        applicantIdNumberCipher: seal(id, 'applicant_id_number_cipher', applicant.idNumber),
        applicantIdNumberIndex: applicant.idNumber ? cipher.blindIndex(applicant.idNumber) : null,
        applicantUscc: applicant.uscc,
        applicantPhoneCipher: seal(id, 'applicant_phone_cipher', applicant.phone),
        applicantAddressCipher: seal(id, 'applicant_address_cipher', applicant.address),
        filedByAccountId: input.filedBy,
        authorizationNote: input.authorization,
        situationAnswers: input.answers,
        formDataCipher: input.formData ? seal(id, 'form_data_cipher', JSON.stringify(input.formData)) : null,
        now: at,
      })
      const action = input.state === CaseState.submitted ? CaseAction.submit : CaseAction.create
      await repo.insertEvent(tx, {
        caseId: id,
        at,
        actorId: actor.id,
        actorName: actorName(actor),
        action,
        fromState: null,
        toState: input.state,
        detail: { channel: input.channel, ...(input.authorization ? { authorizationRecorded: true } : {}) },
      })
      await audit.record(tx, context, {
        action: `cases.${action}`,
        target: `case:${id}`,
        result: 'success',
        details: { number, itemCode: item.code, channel: input.channel, to: input.state },
      })
      if (input.state === CaseState.submitted) await afterSubmit(tx, row, actor)
      return row
    })
  }

  /** 收件: the receipt and the applicant's notification go with every submission. */
  async function afterSubmit(tx: Transaction, row: repo.CaseRow, actor: Actor) {
    await sideEffects.issueNotice(tx, {
      caseId: row.id,
      issuedBy: actor.id,
      kind: 'receipt',
      data: { ...(await noticeBase(tx, row)), materials: [], receivedBy: actorName(actor) },
    })
    await sideEffects.notify(tx, messageFor(row, `已收到您的申请，办件编号 ${row.number}，请留意办理进度。`))
  }

  /** Creates a draft for the logged-in applicant (person or organization). Throws CASE_ITEM_NOT_AVAILABLE, FORBIDDEN. */
  async function createDraft(context: AuditContext, actor: Actor, body: CreateDraftBody): Promise<CaseDetail> {
    if (actor.kind === 'staff') throw commonErrors.forbidden('工作人员请通过“一窗受理”或“帮办代办”为申请人登记')
    const profile = await identity.getApplicantProfile(actor.id)
    if (!profile) throw commonErrors.unauthenticated()
    const item = await getItem(body.itemCode)
    const row = await insertNewCase(context, actor, {
      item,
      applicant: {
        kind: profile.kind,
        accountId: actor.id,
        name: profile.displayName,
        idNumber: profile.idNumber,
        uscc: profile.uscc,
        phone: profile.phone,
        address: null,
      },
      channel: 'online',
      state: CaseState.draft,
      filedBy: actor.id,
      authorization: null,
      answers: body.answers ?? {},
      formData: body.formData,
    })
    return buildDetail(db, row)
  }

  /**
   * 一窗受理: a window clerk registers a walk-in applicant's case, identity checked at the window; it is submitted at
   * once and linked to the applicant's account when one exists for the ID number. Throws CASE_APPLICANT_INVALID.
   */
  async function registerWindowCase(context: AuditContext, actor: Actor, body: WindowCaseBody): Promise<CaseDetail> {
    const applicant = checkApplicant(body.applicant)
    applicant.accountId = applicant.idNumber ? ((await identity.findPersonAccountId(applicant.idNumber)) ?? null) : null
    const item = await getItem(body.itemCode)
    checkAnswers(item.guide, item.version, body.answers ?? {})
    checkForm(await getFiledForm({ item_code: item.code, item_version: item.version }), body.formData ?? {}, 'submit')
    const row = await insertNewCase(context, actor, {
      item,
      applicant,
      channel: 'window',
      state: CaseState.submitted,
      filedBy: actor.id,
      authorization: null,
      answers: body.answers ?? {},
      formData: body.formData,
    })
    return buildDetail(db, row)
  }

  /**
   * 帮办代办: a clerk or a registered agent files a draft on someone's behalf with a recorded authorization; the
   * applicant sees it in their own account. Throws CASE_APPLICANT_INVALID.
   */
  async function fileAsAgent(context: AuditContext, actor: Actor, body: AgentCaseBody): Promise<CaseDetail> {
    const applicant = checkApplicant(body.applicant)
    applicant.accountId = applicant.idNumber ? ((await identity.findPersonAccountId(applicant.idNumber)) ?? null) : null
    if (applicant.accountId === actor.id) throw casesErrors.applicantInvalid('为本人申请请直接在“我要办”中办理')
    const item = await getItem(body.itemCode)
    const row = await insertNewCase(context, actor, {
      item,
      applicant,
      channel: 'agent',
      state: CaseState.draft,
      filedBy: actor.id,
      authorization: body.authorization.trim(),
      answers: body.answers ?? {},
      formData: body.formData,
    })
    return buildDetail(db, row)
  }

  // ——— access helpers ———

  async function requireApplicantSide(actor: Actor, caseId: string) {
    const row = await loadCaseForActor(db, caseId, actor)
    if (!isApplicantSide(row, actor)) throw casesErrors.notApplicantSide()
    return row
  }

  async function requireHandler(q: Queryable, actor: Actor, row: repo.CaseRow) {
    const handled = await isHandledByActor(
      q,
      { state: row.state, departmentId: row.department_id, processInstanceId: row.process_instance_id },
      actor,
    )
    if (handled) return
    // Visible to the filer (an agent who filed it) but not theirs to handle; invisible to anyone else.
    if (row.applicant_account_id === actor.id || row.filed_by_account_id === actor.id) throw casesErrors.notHandler()
    throw casesErrors.caseNotFound()
  }

  // ——— the one way a state changes ———

  /**
   * Locks the case, checks the action against its state (409 CASE_STATE_CONFLICT), writes the new state, one history
   * row, one audit record, the notice and the notification — all in one transaction.
   */
  async function transition(
    context: AuditContext,
    actor: Actor,
    caseId: string,
    spec: TransitionSpec,
  ): Promise<repo.CaseRow> {
    if (spec.side === 'applicant') await requireApplicantSide(actor, caseId)
    else await loadCaseForActor(db, caseId, actor)
    const current = await repo.findCase(db, caseId)
    if (!current) throw casesErrors.caseNotFound()
    if (spec.side === 'staff') await requireHandler(db, actor, current)
    return db.transaction(async (tx) => {
      const row = await repo.lockCase(tx, caseId)
      if (!row) throw casesErrors.caseNotFound()
      return transitionLocked(tx, context, actor, row, spec)
    })
  }

  /**
   * The transition on a case already locked by `tx`: state check, changes, history row, audit record, the work of
   * another module that commits with it (`within`, after the case's new state is written), notice, notification.
   */
  async function transitionLocked(
    tx: Transaction,
    context: AuditContext,
    actor: Pick<Actor, 'id' | 'displayName'> & Partial<Actor>,
    row: repo.CaseRow,
    spec: TransitionSpec,
  ): Promise<repo.CaseRow> {
    const caseId = row.id
    const at = now()
    const next = buildNextState(spec.action, row.state as CaseState, row.resume_state, spec.target)
    const changes = (await spec.apply?.(tx, row, next)) ?? {}
    const updated = await repo.updateCase(tx, caseId, next, changes, at)
    await repo.insertEvent(tx, {
      caseId,
      at,
      actorId: actor.id,
      actorName: actorName(actor as Actor),
      action: spec.action,
      fromState: row.state,
      toState: next,
      reason: spec.reason ?? null,
      legalBasis: spec.legalBasis ?? null,
      detail: spec.detail ?? {},
    })
    await spec.within?.(tx, row)
    await audit.record(tx, context, {
      action: `cases.${spec.action}`,
      target: `case:${caseId}`,
      result: 'success',
      details: { number: row.number, from: row.state, to: next },
    })
    const notice = await spec.notice?.(updated, tx)
    if (notice) await sideEffects.issueNotice(tx, { caseId, issuedBy: actor.id, ...notice })
    await sideEffects.notify(tx, messageFor(updated, spec.message(updated)))
    return updated
  }

  function messageFor(row: repo.CaseRow, text: string) {
    const label = CASE_STATE_LABELS[row.state as CaseState] ?? row.state
    const phone = row.applicant_account_id ? null : open(row, 'applicant_phone_cipher')
    return {
      accountId: row.applicant_account_id,
      caseId: row.id,
      ...(phone ? { phone } : {}),
      smsText: `【通办】您申请的“${row.item_name}”（办件编号 ${row.number}）${text}`,
      siteTitle: `${row.item_name}：${label}`,
      siteText: text,
      link: `/my/cases/${row.id}`,
    }
  }

  async function noticeBase(q: Queryable, row: repo.CaseRow) {
    const { byId } = await loadDirectory(q)
    return {
      departmentName: byId.get(row.department_id)?.department.name ?? '',
      caseNumber: row.number,
      applicantName: open(row, 'applicant_name_cipher') ?? '',
      itemName: row.item_name,
      submittedAt: (row.submitted_at ?? row.created_at).toISOString(),
    }
  }

  async function remediesFor(q: Queryable) {
    const { division } = await loadDirectory(q)
    return {
      text: division.name ? buildRemediesText(division.name) : REMEDIES_FALLBACK,
      bodies: { reconsiderationBody: `${division.name}人民政府`, court: `${division.name}人民法院` },
    }
  }

  // ——— applicant's side ———

  /** Saves a draft (or a returned case being corrected); 409 CASE_DRAFT_CHANGED when saved elsewhere meanwhile. */
  async function updateDraft(context: AuditContext, actor: Actor, caseId: string, body: UpdateDraftBody) {
    const access = await requireApplicantSide(actor, caseId)
    if (body.formData) {
      const filed = await repo.findCase(db, access.id)
      if (filed) checkForm(await getFiledForm(filed), body.formData, 'draft')
    }
    const row = await db.transaction(async (tx) => {
      const current = await repo.lockCase(tx, caseId)
      if (!current) throw casesErrors.caseNotFound()
      if (current.state !== CaseState.draft && current.state !== CaseState.returned)
        throw casesErrors.stateConflict(current.state, CaseAction.resubmit)
      if (current.revision !== body.revision) throw casesErrors.draftChanged()
      const updated = await repo.updateDraft(
        tx,
        caseId,
        body.revision,
        {
          ...(body.answers ? { situationAnswers: body.answers } : {}),
          ...(body.formData ? { formDataCipher: seal(caseId, 'form_data_cipher', JSON.stringify(body.formData)) } : {}),
        },
        now(),
      )
      if (!updated) throw casesErrors.draftChanged()
      await audit.record(tx, context, { action: 'cases.draft.save', target: `case:${caseId}`, result: 'success' })
      return updated
    })
    return buildDetail(db, row)
  }

  /** 提交: draft → submitted (收件凭证 issued). Throws CASE_STATE_CONFLICT, CASE_NOT_FOUND. */
  async function submit(context: AuditContext, actor: Actor, caseId: string) {
    const filed = await repo.findCase(db, caseId)
    const guide = filed ? await getFiledGuide(filed) : undefined
    const form = filed ? await getFiledForm(filed) : null
    const row = await transition(context, actor, caseId, {
      action: CaseAction.submit,
      side: 'applicant',
      apply: async (tx, locked) => {
        if (guide) checkAnswers(guide, locked.item_version, locked.situation_answers)
        checkForm(form, readFormData(locked), 'submit')
        // 智能预审 on what was submitted, kept on the case for the pre-review clerk.
        const preReview = guide ? await preReviewOf(tx, locked, guide, form) : null
        return { submitted_at: now(), ...(preReview ? { pre_review: preReview } : {}) }
      },
      notice: async (updated, tx) => ({
        kind: 'receipt',
        data: { ...(await noticeBase(tx, updated)), materials: [], receivedBy: '网上申报' },
      }),
      message: (updated) => `已提交，办件编号 ${updated.number}，请留意预审结果。`,
    })
    return buildDetail(db, row)
  }

  /** 修改后重新提交: returned → submitted. */
  async function resubmit(context: AuditContext, actor: Actor, caseId: string) {
    const filed = await repo.findCase(db, caseId)
    const guide = filed ? await getFiledGuide(filed) : undefined
    const form = filed ? await getFiledForm(filed) : null
    const row = await transition(context, actor, caseId, {
      action: CaseAction.resubmit,
      side: 'applicant',
      apply: async (tx, locked) => {
        if (guide) checkAnswers(guide, locked.item_version, locked.situation_answers)
        checkForm(form, readFormData(locked), 'submit')
        return guide ? { pre_review: await preReviewOf(tx, locked, guide, form) } : {}
      },
      message: () => '已重新提交，请留意预审结果。',
    })
    return buildDetail(db, row)
  }

  /** 撤回: any time before a decision. */
  async function withdraw(context: AuditContext, actor: Actor, caseId: string, reason: string | undefined) {
    const row = await transition(context, actor, caseId, {
      action: CaseAction.withdraw,
      side: 'applicant',
      reason: reason?.trim() || null,
      apply: async (tx, current) => {
        if (CLOCK_STATES.includes(current.state as CaseState))
          await repo.endOpenPause(tx, current.id, buildShanghaiDay(now()), actor.id, now())
        return { withdrawn_at: now(), warning_level: WarningLevel.none }
      },
      message: () => '已撤回。',
    })
    return buildDetail(db, row)
  }

  /**
   * 补正完成: the applicant has supplied what was asked; the case resumes where it was, the clock runs again (its due
   * day moved by the working days paused), and the workflow step returned to the applicant reopens.
   */
  async function supplement(context: AuditContext, actor: Actor, caseId: string, note: string | undefined) {
    const returned = await repo.findLastEvent(db, caseId, CaseAction.requestSupplement)
    const taskId = typeof returned?.detail.taskId === 'string' ? returned.detail.taskId : undefined
    const workflow = deps.workflow
    const row = await transition(context, actor, caseId, {
      action: CaseAction.supplement,
      side: 'applicant',
      reason: note?.trim() || null,
      apply: async (tx, current) => {
        const today = buildShanghaiDay(now())
        await repo.endOpenPause(tx, current.id, today, actor.id, now())
        return { resume_state: null, ...(await recomputeClock(tx, current)) }
      },
      within: async (tx) => {
        if (!workflow || !taskId) return
        // The applicant (or whoever filed the case for them) supplements online; checked by `side: 'applicant'`.
        const note_ = note?.trim() || '申请人已补正'
        await workflow.resumeAfterSupplement(tx, context, actor, taskId, note_, { byApplicant: true })
      },
      message: () => '补正材料已收到，办件继续办理。',
    })
    return buildDetail(db, row)
  }

  // ——— staff: pre-review, acceptance ———

  async function passPreReview(context: AuditContext, actor: Actor, caseId: string, note: string | undefined) {
    const row = await transition(context, actor, caseId, {
      action: CaseAction.passPreReview,
      side: 'staff',
      reason: note?.trim() || null,
      message: () => '已通过预审，等待受理。',
    })
    return buildDetail(db, row)
  }

  async function returnForChanges(context: AuditContext, actor: Actor, caseId: string, reasons: string[]) {
    const cleaned = reasons.map((reason) => reason.trim()).filter(Boolean)
    if (cleaned.length === 0) throw casesErrors.reasonRequired('退回理由')
    const row = await transition(context, actor, caseId, {
      action: CaseAction.returnForChanges,
      side: 'staff',
      reason: cleaned.join('；'),
      detail: { reasons: cleaned },
      message: () => `预审未通过，请按以下意见修改后重新提交：${cleaned.join('；')}`,
    })
    return buildDetail(db, row)
  }

  /**
   * 受理: the clock starts on the next working day; the item's BPMN process starts in the same transaction with the
   * case as its business key (under_review), or, for an item without a process, the department reviews directly.
   * Two clerks at once: one wins, the other gets 409 CASE_STATE_CONFLICT.
   */
  async function accept(context: AuditContext, actor: Actor, caseId: string) {
    await loadCaseForActor(db, caseId, actor)
    const current = await repo.findCase(db, caseId)
    if (!current) throw casesErrors.caseNotFound()
    // The limits of the guide version the case was filed under, for the applicant's situation answers.
    const timeLimit = checkAnswers(await getFiledGuide(current), current.item_version, current.situation_answers)
    const itemProcess = await repo.findItemProcess(db, current.item_code)
    const processKey = itemProcess?.processKey
    const workflow = processKey ? deps.workflow : undefined
    const limitDays = timeLimit.kind === 'instant' ? 0 : timeLimit.promisedDays
    const statutoryDays = timeLimit.statutoryDays ?? null
    const row = await transition(context, actor, caseId, {
      action: CaseAction.accept,
      side: 'staff',
      target: workflow ? CaseState.underReview : CaseState.accepted,
      apply: async (tx, locked) => {
        const acceptedOn = buildShanghaiDay(now())
        const clock = buildCaseClock(calendar, {
          acceptedOn,
          limitDays,
          statutoryDays,
          pauses: [],
          today: acceptedOn,
          yellowShare,
        })
        const changes: repo.CaseUpdate = {
          accepted_at: now(),
          accepted_on: acceptedOn,
          clock_starts_on: clock.clockStartsOn,
          due_on: clock.dueOn,
          statutory_due_on: clock.statutoryDueOn,
          promised_limit_days: limitDays,
          statutory_limit_days: statutoryDays,
          warning_level: clock.warningLevel,
        }
        if (workflow && processKey) {
          const { instanceId } = await workflow.startProcess(tx, context, actor, {
            processKey,
            caseId: locked.id,
            variables: {
              ...itemProcess?.variables,
              caseId: locked.id,
              caseNumber: locked.number,
              itemCode: locked.item_code,
              itemName: locked.item_name,
            },
          })
          changes.process_instance_id = instanceId
        }
        return changes
      },
      detail: processKey ? { processKey } : { reviewedBy: 'department' },
      notice: async (updated, tx) => ({
        kind: 'acceptance',
        data: {
          ...(await noticeBase(tx, updated)),
          acceptedOn: updated.accepted_on,
          dueOn: updated.due_on ?? undefined,
          promisedDays: limitDays,
        },
      }),
      message: (updated) => `已受理，承诺于 ${updated.due_on} 前办结。`,
    })
    return buildDetail(db, row)
  }

  /** 不予受理: reason and legal basis required; 不予受理决定书 issued with the remedies. */
  async function notAccept(context: AuditContext, actor: Actor, caseId: string, reason: string, legalBasis: string) {
    if (!reason.trim()) throw casesErrors.reasonRequired('不予受理的理由')
    if (!legalBasis.trim()) throw casesErrors.reasonRequired('不予受理的法律依据')
    const row = await transition(context, actor, caseId, {
      action: CaseAction.notAccept,
      side: 'staff',
      reason: reason.trim(),
      legalBasis: legalBasis.trim(),
      apply: async (tx) => ({ decision_remedies: (await remediesFor(tx)).text }),
      notice: async (updated, tx) => ({
        kind: 'non_acceptance',
        data: {
          ...(await noticeBase(tx, updated)),
          reason: reason.trim(),
          legalBasis: legalBasis.trim(),
          remedies: (await remediesFor(tx)).bodies,
        },
      }),
      message: () => `不予受理。理由：${reason.trim()}`,
    })
    return buildDetail(db, row)
  }

  /** The 补正 transition: one list, once per case; the clock stops from the next day while it runs. */
  function supplementRequestSpec(actorId: string | null, items: string[], taskId: string | undefined): TransitionSpec {
    const reason = items.join('；')
    return {
      action: CaseAction.requestSupplement,
      side: 'staff',
      reason,
      detail: { items, ...(taskId ? { taskId } : {}) },
      apply: async (tx, locked) => {
        if (locked.supplement_requested_at) throw casesErrors.supplementAlreadyRequested()
        if (CLOCK_STATES.includes(locked.state as CaseState)) {
          await repo.insertPause(tx, {
            caseId: locked.id,
            kind: 'supplement',
            procedureKind: null,
            reason,
            startsOn: buildNextDay(buildShanghaiDay(now())),
            actorId,
          })
        }
        return { resume_state: locked.state, supplement_requested_at: now() }
      },
      notice: async (updated, tx) => ({
        kind: 'supplement',
        data: {
          ...(await noticeBase(tx, updated)),
          materials: items.map((name) => ({ name, requirement: '请按要求补正' })),
        },
      }),
      message: () => `需要补正材料：${reason}。请一次性补齐后提交。`,
    }
  }

  /**
   * A reviewer's 退回申请人补正 pressed in the workflow inbox (not on the case file): the same 补正 is recorded on the
   * case inside the step's transaction. A return the case itself made (state already supplement_requested) is left
   * alone; a second 补正 on a case is refused (409), which rolls the inbox step back too.
   */
  async function recordInboxReturn(tx: Transaction, event: { caseId: string | null; taskId: string; reason: string }) {
    if (!event.caseId || !UUID_PATTERN.test(event.caseId)) return
    const row = await repo.lockCase(tx, event.caseId)
    if (!row || row.state === CaseState.supplementRequested) return
    const task = await deps.workflow?.findTask(tx, event.taskId)
    const worker = { id: task?.assigneeId ?? null, kind: 'staff', displayName: `审查人员（${task?.name ?? '待办箱'}）` }
    const context: AuditContext = { actor: null, clientAddress: null, requestId: null }
    await transitionLocked(tx, context, worker as unknown as Actor, row, {
      ...supplementRequestSpec(worker.id, [event.reason.replace(/^请补正：/, '').trim()], event.taskId),
    })
  }

  /**
   * 一次性告知补正: one complete list, once per case (409 CASE_SUPPLEMENT_ALREADY_REQUESTED the second time); the
   * clock stops from the next day. While the item's process runs this is the workflow's 退回申请人补正 on the
   * reviewer's task — the same event, not a second mechanism.
   */
  async function requestSupplement(
    context: AuditContext,
    actor: Actor,
    caseId: string,
    input: { items: string[]; taskId?: string },
  ) {
    const items = input.items.map((item) => item.trim()).filter(Boolean)
    if (items.length === 0) throw casesErrors.reasonRequired('需要补正的材料或内容')
    await loadCaseForActor(db, caseId, actor)
    const current = await repo.findCase(db, caseId)
    const workflow = current?.process_instance_id ? deps.workflow : undefined
    if (current?.supplement_requested_at) throw casesErrors.supplementAlreadyRequested()
    if (workflow && current && current.state === CaseState.underReview) {
      if (!input.taskId) throw casesErrors.reasonRequired('办理中的审查任务（taskId）')
      const task = await workflow.findTask(db, input.taskId)
      if (!task || task.rootInstanceId !== current.process_instance_id) throw casesErrors.taskNotOfCase()
    }
    const reason = items.join('；')
    const taskId = workflow ? input.taskId : undefined
    const row = await transition(context, actor, caseId, {
      ...supplementRequestSpec(actor.id, items, taskId),
      within: async (tx, locked) => {
        if (!workflow || !taskId || locked.state !== CaseState.underReview) return
        // The case is already supplement_requested here, so the workflow's return hook leaves it alone.
        await workflow.returnToApplicant(tx, context, actor, taskId, `请补正：${reason}`)
      },
    })
    return buildDetail(db, row)
  }

  /** 特别程序 (听证, 专家评审, 检验检测, 现场勘验): the reason is recorded and the clock stops until it ends. */
  async function startSpecialProcedure(
    context: AuditContext,
    actor: Actor,
    caseId: string,
    input: { kind: string; reason: string },
  ) {
    const row = await transition(context, actor, caseId, {
      action: CaseAction.startSpecialProcedure,
      side: 'staff',
      reason: input.reason.trim(),
      detail: { procedureKind: input.kind },
      apply: async (tx, locked) => {
        await repo.insertPause(tx, {
          caseId,
          kind: 'special_procedure',
          procedureKind: input.kind,
          reason: input.reason.trim(),
          startsOn: buildNextDay(buildShanghaiDay(now())),
          actorId: actor.id,
        })
        return { resume_state: locked.state }
      },
      message: () => '进入特别程序，所需时间不计入办理时限。',
    })
    return buildDetail(db, row)
  }

  async function endSpecialProcedure(context: AuditContext, actor: Actor, caseId: string, note: string | undefined) {
    const row = await transition(context, actor, caseId, {
      action: CaseAction.endSpecialProcedure,
      side: 'staff',
      reason: note?.trim() || null,
      apply: async (tx, locked) => {
        await repo.endOpenPause(tx, caseId, buildShanghaiDay(now()), actor.id, now())
        return { resume_state: null, ...(await recomputeClock(tx, locked)) }
      },
      message: () => '特别程序已结束，办件继续办理。',
    })
    return buildDetail(db, row)
  }

  /** 决定: granted, or denied with reasons, legal basis and the remedies (行政复议 60 日, 行政诉讼 6 个月). */
  async function decide(context: AuditContext, actor: Actor, caseId: string, body: DecisionBody) {
    const reasons = body.reasons?.trim() || null
    const legalBasis = body.legalBasis?.trim() || null
    const isDenial = body.decision === 'denied'
    if (isDenial && !reasons) throw casesErrors.reasonRequired('不予许可的理由')
    if (isDenial && !legalBasis) throw casesErrors.reasonRequired('不予许可的法律依据')
    const row = await transition(context, actor, caseId, {
      action: isDenial ? CaseAction.deny : CaseAction.grant,
      side: 'staff',
      reason: reasons,
      legalBasis,
      apply: async (tx) => ({
        decision: body.decision,
        decision_reasons: reasons,
        decision_legal_basis: legalBasis,
        decision_remedies: isDenial ? (await remediesFor(tx)).text : null,
        decided_at: now(),
        warning_level: WarningLevel.none,
      }),
      notice: async (updated, tx) =>
        isDenial
          ? {
              kind: 'denial',
              data: {
                ...(await noticeBase(tx, updated)),
                decidedOn: buildShanghaiDay(now()),
                reasons: reasons as string,
                legalBasis: legalBasis as string,
                remedies: (await remediesFor(tx)).bodies,
              },
            }
          : {
              kind: 'grant',
              data: {
                ...(await noticeBase(tx, updated)),
                decidedOn: buildShanghaiDay(now()),
                result: updated.item_name,
                ...(legalBasis ? { legalBasis } : {}),
              },
            },
      message: () => (isDenial ? `决定不予许可。理由：${reasons}` : '已准予许可，请留意结果送达。'),
    })
    return buildDetail(db, row)
  }

  async function conclude(context: AuditContext, actor: Actor, caseId: string) {
    const row = await transition(context, actor, caseId, {
      action: CaseAction.conclude,
      side: 'staff',
      apply: () => ({ concluded_at: now(), warning_level: WarningLevel.none }),
      message: () => '已办结。',
    })
    return buildDetail(db, row)
  }

  /** 送达: at the window, by post (tracking number required) or electronically. */
  async function deliver(context: AuditContext, actor: Actor, caseId: string, body: DeliveryBody) {
    if (body.method === 'post' && !body.trackingNumber) throw casesErrors.reasonRequired('邮寄单号')
    const methodLabel = { window: '窗口领取', post: '邮寄', electronic: '电子送达' }[body.method]
    const row = await transition(context, actor, caseId, {
      action: CaseAction.deliver,
      side: 'staff',
      detail: { method: body.method, ...(body.trackingNumber ? { trackingNumber: body.trackingNumber } : {}) },
      apply: () => ({
        delivery_method: body.method,
        delivery_tracking_number: body.method === 'post' ? body.trackingNumber : null,
        delivered_at: now(),
      }),
      message: () =>
        body.method === 'post' ? `结果已邮寄，单号 ${body.trackingNumber}。` : `结果已送达（${methodLabel}）。`,
    })
    return buildDetail(db, row)
  }

  // ——— clock ———

  function buildNextDay(day: string): string {
    const date = new Date(`${day}T00:00:00Z`)
    date.setUTCDate(date.getUTCDate() + 1)
    return date.toISOString().slice(0, 10)
  }

  function clockOf(row: repo.CaseRow, pauses: repo.PauseRow[]): CaseClock | null {
    if (!row.accepted_on) return null
    return buildCaseClock(calendar, {
      acceptedOn: row.accepted_on,
      limitDays: row.promised_limit_days ?? 0,
      statutoryDays: row.statutory_limit_days,
      pauses: pauses.map((pause) => ({ from: pause.starts_on, to: pause.ends_on })),
      today: buildShanghaiDay(now()),
      yellowShare,
    })
  }

  async function recomputeClock(q: Queryable, row: repo.CaseRow): Promise<repo.CaseUpdate> {
    const clock = clockOf(row, await repo.listPauses(q, row.id))
    if (!clock) return {}
    return { due_on: clock.dueOn, statutory_due_on: clock.statutoryDueOn, warning_level: clock.warningLevel }
  }

  /**
   * Recomputes due days and warning levels of every case whose clock runs, a page at a time in short transactions
   * (the leased warning job). Returns how many changed.
   */
  async function refreshWarnings(pageSize = 500): Promise<number> {
    let afterId: string | null = null
    let changed = 0
    for (;;) {
      const page = await repo.listRunningClocks(db, afterId, pageSize)
      if (page.length === 0) return changed
      await db.transaction(async (tx) => {
        for (const row of page) {
          const clock = clockOf(row, await repo.listPauses(tx, row.id))
          if (!clock) continue
          const warningLevel = CLOCK_STATES.includes(row.state as CaseState) ? clock.warningLevel : WarningLevel.none
          if (await repo.setClock(tx, row.id, { ...clock, warningLevel })) changed++
        }
      })
      afterId = page[page.length - 1]?.id ?? null
    }
  }

  // ——— views ———

  async function buildDetail(q: Queryable, row: repo.CaseRow): Promise<CaseDetail> {
    const [events, pauses] = await Promise.all([repo.listEvents(q, row.id), repo.listPauses(q, row.id)])
    const idNumber = open(row, 'applicant_id_number_cipher')
    const phone = open(row, 'applicant_phone_cipher')
    const address = open(row, 'applicant_address_cipher')
    const supplementEvent = [...events].reverse().find((event) => event.action === CaseAction.requestSupplement)
    return {
      ...toCaseSummary(row),
      departmentId: row.department_id,
      answers: row.situation_answers ?? {},
      formData: readFormData(row),
      applicant: {
        kind: row.applicant_kind,
        name: maskName(open(row, 'applicant_name_cipher') ?? '', row.applicant_kind),
        maskedIdNumber: idNumber ? maskIdNumber(idNumber) : null,
        uscc: row.applicant_uscc,
        maskedPhone: phone ? maskPhoneNumber(phone) : null,
        maskedAddress: address ? maskAddress(address) : null,
        hasAccount: row.applicant_account_id !== null,
      },
      isFiledForApplicant: row.filed_by_account_id !== null && row.filed_by_account_id !== row.applicant_account_id,
      decision: row.decision,
      decisionReasons: row.decision_reasons,
      decisionLegalBasis: row.decision_legal_basis,
      remedies: row.decision_remedies,
      deliveryMethod: row.delivery_method,
      deliveryTrackingNumber: row.delivery_tracking_number,
      clock: toClockView(row, clockOf(row, pauses)),
      timeline: toTimeline(events),
      supplementItems: Array.isArray(supplementEvent?.detail.items) ? (supplementEvent.detail.items as string[]) : [],
    }
  }

  /** 我的办件: the applicant's own cases and those they filed for others. */
  async function listMine(actor: Actor, limit = 100) {
    const rows = await repo.listCases(db, { by: 'applicant', accountId: actor.id }, limit)
    return { cases: rows.map(toCaseSummary) }
  }

  /** A case with its timeline, for the applicant's side or staff it is routed to. Throws CASE_NOT_FOUND. */
  async function getCase(actor: Actor, caseId: string): Promise<CaseDetail> {
    await loadCaseForActor(db, caseId, actor)
    const row = await repo.findCase(db, caseId)
    if (!row) throw casesErrors.caseNotFound()
    return { ...(await buildDetail(db, row)), formData: await readFormDataFor(actor, row) }
  }

  /** The case file for a handler: applicant (masked), form, pre-review, earlier opinions, clock. */
  async function getCaseFile(actor: Actor, caseId: string): Promise<CaseFile> {
    await loadCaseForActor(db, caseId, actor)
    const row = await repo.findCase(db, caseId)
    if (!row) throw casesErrors.caseNotFound()
    await requireHandler(db, actor, row)
    const [detail, opinions, preReview] = await Promise.all([
      buildDetail(db, row),
      repo.listOpinions(db, caseId),
      // Recomputed on every opening: the materials may have changed since the submission.
      row.state === CaseState.draft ? null : preReviewOf(db, row, await getFiledGuide(row), await getFiledForm(row)),
    ])
    return {
      ...detail,
      formData: await readFormDataFor(actor, row),
      processInstanceId: row.process_instance_id,
      preReview,
      preReviewAtSubmission: (row.pre_review as CaseFile['preReviewAtSubmission']) ?? null,
      opinions: opinions.map(toOpinionView),
    }
  }

  /** Shows the applicant's personal data in clear to a handler, with a reason; audited every time. */
  async function revealApplicant(context: AuditContext, actor: Actor, caseId: string, reason: string) {
    await loadCaseForActor(db, caseId, actor)
    const row = await repo.findCase(db, caseId)
    if (!row) throw casesErrors.caseNotFound()
    await requireHandler(db, actor, row)
    await audit.recordNow(context, {
      action: 'cases.applicant.reveal',
      target: `case:${caseId}`,
      result: 'success',
      details: { number: row.number, reason: reason.trim().slice(0, 200) },
    })
    return {
      name: open(row, 'applicant_name_cipher') ?? '',
      idNumber: open(row, 'applicant_id_number_cipher'),
      uscc: row.applicant_uscc,
      phone: open(row, 'applicant_phone_cipher'),
      address: open(row, 'applicant_address_cipher'),
      formData: readFormData(row),
    }
  }

  /**
   * 预审自查: the applicant runs 智能预审 on the draft (or the returned case) with the materials uploaded so far,
   * before submitting; nothing changes.
   */
  async function checkBeforeSubmit(actor: Actor, caseId: string) {
    await requireApplicantSide(actor, caseId)
    const row = await repo.findCase(db, caseId)
    if (!row) throw casesErrors.caseNotFound()
    if (row.state !== CaseState.draft && row.state !== CaseState.returned)
      throw casesErrors.stateConflict(row.state, CaseAction.submit)
    return { checks: await preReviewOf(db, row, await getFiledGuide(row), await getFiledForm(row)) }
  }

  async function preReviewOf(
    q: Queryable,
    row: repo.CaseRow,
    guide: ItemGuide,
    form: ApplicationFormDefinition | null,
  ) {
    const { byId } = await loadDirectory(q)
    const facts = {
      row,
      guide,
      form,
      formData: readFormData(row),
      departmentName: byId.get(row.department_id)?.department.name ?? '',
      applicantName: open(row, 'applicant_name_cipher') ?? '',
      applicantIdNumber: open(row, 'applicant_id_number_cipher'),
      now: now(),
    }
    return runCasePreReview(q, facts, deps.materials)
  }

  /** Stores the 智能预审 results (the forms module's runPreReview) on the case. */
  async function recordPreReview(
    caseId: string,
    checks: readonly { rule: string; passed: boolean; message: string }[],
  ) {
    await repo.setPreReview(db, caseId, [...checks])
  }

  /**
   * 审查意见: records 同意 / 不同意 / 退回 with an opinion on a workflow task of this case and completes the task
   * (variable reviewOutcome for the process's gateways). Throws CASE_TASK_NOT_FOUND, CASE_STATE_CONFLICT.
   */
  async function recordReview(context: AuditContext, actor: Actor, caseId: string, body: ReviewBody) {
    await loadCaseForActor(db, caseId, actor)
    const row = await repo.findCase(db, caseId)
    if (!row) throw casesErrors.caseNotFound()
    await requireHandler(db, actor, row)
    if (!actor.departmentId) throw casesErrors.noDepartment()
    if (row.state !== CaseState.underReview && row.state !== CaseState.accepted)
      throw casesErrors.stateConflict(row.state, CaseAction.startReview)
    const workflow = deps.workflow
    let taskName: string | null = null
    if (body.taskId) {
      const task = workflow ? await workflow.findTask(db, body.taskId) : undefined
      if (!task || task.rootInstanceId !== row.process_instance_id || task.state !== 'open')
        throw casesErrors.taskNotOfCase()
      taskName = task.name
    }
    const opinion = body.opinion.trim()
    const id = await db.transaction(async (tx) => {
      const locked = await repo.lockCase(tx, caseId)
      if (!locked) throw casesErrors.caseNotFound()
      if (workflow && body.taskId) {
        const variables = { reviewOutcome: body.outcome }
        await workflow.completeTask(tx, context, actor, body.taskId, { opinion, variables })
      }
      const opinionId = await repo.insertOpinion(tx, {
        caseId,
        taskId: body.taskId ?? null,
        taskName,
        departmentId: actor.departmentId as string,
        reviewerId: actor.id,
        reviewerName: actor.displayName,
        outcome: body.outcome,
        opinion,
        at: now(),
      })
      await audit.record(tx, context, {
        action: 'cases.review.record',
        target: `case:${caseId}`,
        result: 'success',
        details: { number: row.number, outcome: body.outcome, taskId: body.taskId ?? null },
      })
      return opinionId
    })
    return { id }
  }

  // ——— staff lists ———

  /** The department's cases (or every department's, for centre-wide roles), most urgent first, with tab counts. */
  async function listHandling(actor: Actor, query: { state?: string; limit?: number }) {
    let departmentIds: string[] | null = null
    if (!isCentreWideForCases(actor)) {
      if (!actor.departmentId) throw casesErrors.noDepartment()
      departmentIds = await listHandledDepartmentIds(db, actor.departmentId)
    }
    const [rows, counts] = await Promise.all([
      repo.listCases(
        db,
        { by: 'department', departmentIds, ...(query.state ? { state: query.state } : {}) },
        query.limit ?? 50,
      ),
      repo.countCasesByState(db, departmentIds),
    ])
    return { cases: rows.map(toCaseSummary), counts }
  }

  /** 预警: every case at risk (yellow or red) across departments, for the centre manager. */
  async function listAtRisk(query: { sort?: 'due' | 'level'; limit?: number }) {
    const rows = await repo.listAtRisk(db, query.sort ?? 'due', query.limit ?? 100)
    const { byId } = await loadDirectory(db)
    return {
      cases: rows.map((row) => ({
        id: row.id,
        number: row.number,
        itemName: row.item_name,
        departmentId: row.department_id,
        departmentName: byId.get(row.department_id)?.department.name ?? '',
        state: row.state,
        stateLabel: CASE_STATE_LABELS[row.state as CaseState] ?? row.state,
        dueOn: row.due_on,
        warningLevel: row.warning_level,
      })),
    }
  }

  /** Names the BPMN process an item's accepted cases run (the catalog has no such field). */
  async function setItemProcess(
    itemCode: string,
    processKey: string,
    variables: Record<string, unknown> = {},
    q: Queryable = db,
  ) {
    await repo.setItemProcess(q, itemCode, processKey, variables)
  }

  return {
    createDraft,
    registerWindowCase,
    fileAsAgent,
    updateDraft,
    submit,
    resubmit,
    withdraw,
    supplement,
    passPreReview,
    returnForChanges,
    accept,
    notAccept,
    requestSupplement,
    startSpecialProcedure,
    endSpecialProcedure,
    decide,
    conclude,
    deliver,
    listMine,
    getCase,
    getCaseFile,
    revealApplicant,
    recordPreReview,
    checkBeforeSubmit,
    recordReview,
    listHandling,
    listAtRisk,
    refreshWarnings,
    setItemProcess,
  }
}

export type CasesService = ReturnType<typeof createCasesService>
