import type { AuditContext, AuditService } from '../modules/audit/index.js'
import { DEMO_APPLICATION_FORMS } from '../modules/cases/application-form/index.js'
import {
  buildCaseClock,
  type CaseSideEffects,
  createCasesService,
  createCaseWorkflowPort,
  DEFAULT_YELLOW_SHARE,
  seedDemoItemProcesses,
} from '../modules/cases/index.js'
import { buildOneTimeNotice, type CatalogService, DEMO_ITEMS, listVisibleQuestions } from '../modules/catalog/index.js'
import type { Actor, IdentityService, PersonalDataCipher } from '../modules/identity/index.js'
import type { Workflow } from '../modules/workflow/index.js'
import type { WorkingDays } from '../platform/calendar/index.js'
import type { Db } from '../platform/db/index.js'
import {
  buildAddress,
  buildCompany,
  buildPerson,
  createSeededRandom,
  type DemoApplicant,
  type DemoApplicantPerson,
  type SeededRandom,
} from './demo-applicants.js'
import {
  ACCOUNT_SCENARIOS,
  COUNTERSIGNERS,
  DENIALS,
  DEPARTMENT_HANDLERS,
  MADE_UP_SCENARIOS,
  NOT_ACCEPTED,
  OPINIONS,
  PARALLEL_REVIEWERS,
  PROCEDURES,
  RETURN_REASONS,
  type Scenario,
  WINDOW_CLERKS,
} from './demo-case-scenarios.js'
import { buildDemoFormData } from './demo-form-data.js'
import { DEMO_ORGANIZATIONS, DEMO_PEOPLE } from './demo-organization.js'
import { seedDemoWorkflow } from './seed-workflow.js'

/*
 * 演示办件: several hundred cases of the demo county's last three months, made through the cases service exactly as
 * the window, the applicants and the departments would have made them — each step on its own working day, with a
 * clock the seeding moves back in time — so every demo account opens a workbench with work in it.
 */

type ItemGuide = (typeof DEMO_ITEMS)[number]
type Answers = Record<string, string | string[]>

/** The seed of the random source: change it and every demo case changes (screenshots too). */
const SEED = 20_261_208
/** The item whose accepted cases run the demo parallel approval (市场监管, 住建, 自然资源和规划 review in parallel). */
const PARALLEL_ITEM = '建设工程规划许可证核发'
const HISTORY_DAYS = 92

export type SeedDemoCasesDeps = {
  db: Db
  audit: AuditService
  cipher: PersonalDataCipher
  calendar: WorkingDays
  catalog: Pick<CatalogService, 'getPublishedItem' | 'getItemVersion'>
  identity: IdentityService
  workflow: Workflow
  /** The notices and notifications the app wires; without them the history has no PDFs and no messages. */
  sideEffects?: CaseSideEffects
  /** The moment the history ends (default: now). */
  now?: Date
}

/**
 * Seeds the demo county's case history once: about 370 cases across the demo items, departments and states, each
 * made through the cases service on its own (past) working day. A database that already has cases is left as it
 * is. Needs the demo county, its catalog and the demo parallel approval (deployed here when missing).
 */
export async function seedDemoCases(deps: SeedDemoCasesDeps): Promise<{ seeded: boolean; cases: number }> {
  const end = deps.now ?? new Date()
  const clock = { at: end, now: () => clock.at }
  const cases = createCasesService({
    db: deps.db,
    audit: deps.audit,
    cipher: deps.cipher,
    calendar: deps.calendar,
    clock,
    catalog: deps.catalog,
    identity: deps.identity,
    workflow: createCaseWorkflowPort(deps.workflow, deps.db),
    ...(deps.sideEffects ? { sideEffects: deps.sideEffects } : {}),
  })

  const staff = new Map<string, Actor>()
  for (const loginName of [...WINDOW_CLERKS, ...Object.values(DEPARTMENT_HANDLERS), 'liqiang', 'chenjing']) {
    const found = await deps.workflow.directory.findStaff(loginName)
    if (!found) return { seeded: false, cases: 0 }
    staff.set(loginName, toActor({ ...found, kind: 'staff' }))
  }
  const staffActor = (loginName: string) => staff.get(loginName) as Actor
  const manager = staffActor('chenjing')
  if ((await cases.listHandling(manager, { limit: 1 })).cases.length > 0) return { seeded: false, cases: 0 }

  await seedDemoWorkflow(deps.workflow)
  await seedDemoItemProcesses(deps.db)

  const context = (actor: Actor): AuditContext => ({
    actor: deps.identity.describeActor(actor),
    clientAddress: null,
    requestId: 'demo-seed',
  })
  const random = createSeededRandom(SEED)
  const today = shanghaiDay(end)
  const days = listPastWorkingDays(deps.calendar, today, HISTORY_DAYS)
  const last = days.length - 1
  const items = DEMO_ITEMS.filter((item) => item.name !== PARALLEL_ITEM)
  const parallelItem = DEMO_ITEMS.find((item) => item.name === PARALLEL_ITEM)
  let created = 0

  // ——— one case, step by step ———

  type Plan = {
    scenario: Scenario
    item: ItemGuide
    applicant: DemoApplicant
    /** The demo account that applies online; otherwise the window (or an agent) registers the case. */
    account?: Actor
  }

  async function run(plan: Plan) {
    const { item, applicant, scenario } = plan
    const answers = buildAnswers(item, random)
    const timeLimit = buildOneTimeNotice(item, answers, { itemVersion: 1, departmentName: '' }).timeLimit
    const limitDays = timeLimit.kind === 'instant' ? 0 : timeLimit.promisedDays
    const clerk = staffActor(random.pick(WINDOW_CLERKS))
    const handler = staffActor(DEPARTMENT_HANDLERS[item.departmentCode] ?? clerk.loginName)
    const isParallel = scenario.startsWith('parallel_')

    // The working day the case is accepted (running clocks: chosen for the warning level the scenario wants).
    let acceptIndex: number
    if (scenario === 'submitted' || scenario === 'returned' || scenario === 'draft')
      acceptIndex = last - random.integer(0, 3)
    else if (scenario === 'running_red' || scenario === 'running_yellow' || scenario === 'running_green')
      acceptIndex = chooseAcceptIndex(scenario, limitDays)
    else if (scenario === 'supplement' || scenario === 'special')
      acceptIndex = last - random.integer(1, Math.max(2, Math.min(limitDays - 1, 12)))
    else if (isParallel)
      acceptIndex = scenario === 'parallel_delivered' ? random.integer(5, last - 25) : last - random.integer(1, 12)
    else acceptIndex = random.integer(1, Math.max(1, last - Math.max(limitDays, 1) - 6))
    const submitIndex = Math.max(0, acceptIndex - (random.chance(0.6) ? 0 : 1))
    let step = 0
    const setDay = (index: number) => {
      const day = days[Math.min(Math.max(index, 0), last)] as string
      step += 1
      clock.at = shanghaiTime(day, 9 * 60 + Math.min(step * 35 + random.integer(0, 30), 7 * 60 + 50))
      return day
    }

    // 申请: online by the demo account, by an agent (帮办代办), or at the comprehensive window (一窗受理).
    const submitDay = setDay(submitIndex)
    const form = DEMO_APPLICATION_FORMS[item.name]
    const formData = form ? buildDemoFormData(form, applicant, submitDay, random) : undefined
    const body = { itemCode: item.code, answers, ...(formData ? { formData } : {}) }
    let caseId: string
    let applicantSide: Actor
    if (plan.account) {
      applicantSide = plan.account
      caseId = (await cases.createDraft(context(applicantSide), applicantSide, body)).id
      created++
      if (scenario === 'draft') return
      await cases.submit(context(applicantSide), applicantSide, caseId)
      if (scenario === 'returned') {
        setDay(submitIndex)
        await cases.returnForChanges(context(clerk), clerk, caseId, [random.pick(RETURN_REASONS)])
        return
      }
      if (scenario === 'submitted') return
      setDay(acceptIndex)
      await cases.passPreReview(context(clerk), clerk, caseId, '材料齐全，预审通过')
    } else {
      applicantSide = clerk
      const applicantInput =
        applicant.kind === 'person'
          ? { kind: 'person' as const, name: applicant.name, idNumber: applicant.idNumber }
          : { kind: 'organization' as const, name: applicant.name, uscc: applicant.uscc }
      const contact = { ...applicantInput, phone: applicant.phone, address: applicant.address }
      if (random.chance(0.08)) {
        const filed = await cases.fileAsAgent(context(clerk), clerk, {
          ...body,
          applicant: contact,
          authorization: `授权委托书（编号 DB${submitDay.replaceAll('-', '')}${random.integer(10, 99)}），由申请人本人签署`,
        })
        caseId = filed.id
        await cases.submit(context(clerk), clerk, caseId)
      } else {
        caseId = (
          await cases.registerWindowCase(context(clerk), clerk, { ...body, applicant: contact, identityChecked: true })
        ).id
      }
      created++
      if (scenario === 'submitted') return
    }

    // 受理 or 不予受理.
    setDay(acceptIndex)
    if (scenario === 'not_accepted' || scenario === 'not_accepted_concluded') {
      const refusal = random.pick(NOT_ACCEPTED)
      await cases.notAccept(context(clerk), clerk, caseId, refusal.reason, refusal.legalBasis)
      if (scenario === 'not_accepted_concluded') {
        setDay(acceptIndex + 1)
        await cases.conclude(context(clerk), clerk, caseId)
      }
      return
    }
    if (scenario === 'withdrawn' && random.chance(0.4)) {
      await cases.withdraw(context(applicantSide), applicantSide, caseId, '申请人主动撤回申请')
      return
    }
    await cases.accept(context(clerk), clerk, caseId)
    if (isParallel) return runParallel(scenario, caseId, clerk, acceptIndex)

    const at = (offset: number) => setDay(Math.min(acceptIndex + offset, last))
    if (scenario === 'withdrawn') {
      at(random.integer(1, 2))
      await cases.withdraw(context(applicantSide), applicantSide, caseId, '经营计划调整，申请撤回')
      return
    }
    if (scenario.startsWith('running_')) return
    const supplementItems = item.materials.slice(0, random.integer(1, 2)).map((material) => material.name)
    if (scenario === 'supplement' || scenario === 'delivered_after_supplement') {
      at(1)
      await cases.requestSupplement(context(handler), handler, caseId, {
        items: supplementItems.length > 0 ? supplementItems : ['申请表（签字页）'],
      })
      if (scenario === 'supplement') return
      at(3)
      await cases.supplement(context(applicantSide), applicantSide, caseId, '已按补正告知书补齐材料')
    }
    if (scenario === 'special') {
      at(1)
      const procedure = random.pick(PROCEDURES)
      await cases.startSpecialProcedure(context(handler), handler, caseId, procedure)
      return
    }
    // 决定, 办结, 送达 within the promised limit.
    const decideOffset =
      limitDays === 0
        ? 0
        : random.integer(1, Math.max(1, limitDays - 1)) + (scenario === 'delivered_after_supplement' ? 3 : 0)
    at(decideOffset)
    if (scenario === 'denied_concluded') {
      await cases.decide(context(handler), handler, caseId, { decision: 'denied', ...random.pick(DENIALS) })
    } else {
      await cases.decide(context(handler), handler, caseId, { decision: 'granted' })
    }
    if (scenario === 'granted') return
    at(decideOffset + (limitDays === 0 ? 0 : 1))
    await cases.conclude(context(clerk), clerk, caseId)
    if (scenario !== 'delivered' && scenario !== 'delivered_after_supplement') return
    at(decideOffset + (limitDays === 0 ? 0 : random.integer(1, 3)))
    const method = random.pick(['window', 'window', 'post', 'electronic'] as const)
    await cases.deliver(context(clerk), clerk, caseId, {
      method,
      ...(method === 'post' ? { trackingNumber: `EMS${random.integer(100_000_000, 999_999_999)}CN` } : {}),
    })
  }

  /** The parallel approval: 受理 task, three parallel reviews, 联合会签, 审批决定 — as far as the scenario goes. */
  async function runParallel(scenario: Scenario, caseId: string, clerk: Actor, acceptIndex: number) {
    if (scenario === 'parallel_accept') return
    const file = await cases.getCaseFile(clerk, caseId)
    const instanceId = file.processInstanceId as string
    const openTasks = async () =>
      (await deps.workflow.monitor.getInstanceView(instanceId)).tasks.filter((task) => task.state === 'open')
    let offset = 1
    const review = async (actor: Actor, taskId: string, opinion: string) => {
      clock.at = shanghaiTime(days[Math.min(acceptIndex + offset, last)] as string, 9 * 60 + random.integer(0, 400))
      await cases.recordReview(context(actor), actor, caseId, { taskId, outcome: 'agree', opinion })
    }
    const acceptTask = (await openTasks()).find((task) => task.element_id === 'accept')
    if (acceptTask) await review(clerk, acceptTask.id, '材料齐全，符合法定形式，同意受理并分送并联审查')
    if (scenario === 'parallel_reviews') return
    offset += random.integer(1, 2)
    const parallel = (await openTasks()).filter((task) => PARALLEL_REVIEWERS[task.element_id])
    const toReview = scenario === 'parallel_partial' ? parallel.slice(0, random.integer(1, 2)) : parallel
    for (const task of toReview) {
      await review(staffActor(PARALLEL_REVIEWERS[task.element_id] as string), task.id, random.pick(OPINIONS))
    }
    if (scenario === 'parallel_partial') return
    offset += 1
    const directory = await deps.workflow.directory.load()
    for (const task of (await openTasks()).filter((candidate) => candidate.element_id === 'countersign')) {
      const code = directory.departments.find((department) => department.id === task.candidate_department_id)?.code
      await review(staffActor(COUNTERSIGNERS[code ?? ''] ?? 'qianlei'), task.id, '会签同意')
    }
    offset += 1
    const decision = (await openTasks()).find((task) => task.element_id === 'decision')
    if (decision) await review(clerk, decision.id, '经并联审查和联合会签，同意核发建设工程规划许可证')
    await cases.decide(context(clerk), clerk, caseId, { decision: 'granted' })
    offset += 1
    clock.at = shanghaiTime(days[Math.min(acceptIndex + offset, last)] as string, 10 * 60)
    await cases.conclude(context(clerk), clerk, caseId)
    clock.at = shanghaiTime(days[Math.min(acceptIndex + offset + 1, last)] as string, 10 * 60)
    await cases.deliver(context(clerk), clerk, caseId, { method: 'window' })
  }

  /** The acceptance day that leaves a running clock red (a few days overdue), yellow or green today. */
  function chooseAcceptIndex(scenario: Scenario, limitDays: number): number {
    const wanted = { running_red: 'red', running_yellow: 'yellow', running_green: 'none' }[scenario as string]
    const candidates: number[] = []
    for (let index = last; index >= 0 && candidates.length < 8; index--) {
      const clockNow = buildCaseClock(deps.calendar, {
        acceptedOn: days[index] as string,
        limitDays,
        statutoryDays: null,
        pauses: [],
        today,
        yellowShare: DEFAULT_YELLOW_SHARE,
      })
      if (clockNow.warningLevel === wanted && clockNow.daysLeft >= -10) candidates.push(index)
    }
    return candidates.length > 0 ? random.pick(candidates) : last - 1
  }

  // ——— the plans ———

  const plans: Plan[] = []
  for (const [scenario, count] of MADE_UP_SCENARIOS) {
    for (let index = 0; index < count; index++) {
      const isParallel = scenario.startsWith('parallel_')
      const needsClock = scenario.startsWith('running_') || scenario === 'supplement' || scenario === 'special'
      const candidates = items.filter((item) => !needsClock || item.timeLimit.promisedDays >= 3)
      const item = isParallel && parallelItem ? parallelItem : random.pick(candidates)
      plans.push({ scenario, item, applicant: buildApplicantFor(item, random) })
    }
  }
  const people = await Promise.all(
    DEMO_PEOPLE.map(async (person) => {
      const id = await deps.identity.findPersonAccountId(person.idNumber)
      return id
        ? { actor: toActor({ id, loginName: person.loginName, displayName: person.name, kind: 'person' }), person }
        : undefined
    }),
  )
  for (const entry of people) {
    if (!entry) continue
    const personal = DEMO_ITEMS.filter(
      (item) => item.subjects.includes('natural_person') && item.name !== PARALLEL_ITEM,
    )
    for (const scenario of ACCOUNT_SCENARIOS) {
      const candidates = personal.filter(
        (item) => (scenario !== 'running_green' && scenario !== 'supplement') || item.timeLimit.promisedDays >= 3,
      )
      const applicant = toApplicant(entry.person, random)
      plans.push({ scenario, item: random.pick(candidates), applicant, account: entry.actor })
    }
  }
  for (const organization of DEMO_ORGANIZATIONS) {
    const account = await deps.identity.findOrganizationAccount(organization.uscc)
    if (!account) continue
    const actor = toActor({ ...account, kind: 'organization' })
    const corporate = DEMO_ITEMS.filter((item) => item.subjects.includes('legal_person') && item.name !== PARALLEL_ITEM)
    const food = DEMO_ITEMS.find((item) => item.name === '食品经营许可证核发')
    // 虞山晓梅小吃店 is 孙晓梅's shop: a demo company's representative is the demo person with its phone, if any.
    const owner = DEMO_PEOPLE.find((person) => person.phone === organization.phone)
    const representative = owner ? toApplicant(owner, random) : buildPerson(random)
    for (const [index, scenario] of ACCOUNT_SCENARIOS.entries()) {
      const candidates = corporate.filter(
        (item) => (scenario !== 'running_green' && scenario !== 'supplement') || item.timeLimit.promisedDays >= 3,
      )
      const item = index === 2 && food ? food : random.pick(candidates)
      const applicant = {
        kind: 'organization' as const,
        name: organization.name,
        uscc: organization.uscc,
        phone: organization.phone,
        address: buildAddress(random).full,
        legalRepresentative: representative,
      }
      plans.push({ scenario, item, applicant, account: actor })
    }
  }

  for (const plan of plans) await run(plan)
  // The history is written; bring every running clock's due day and warning level to today.
  clock.at = end
  await cases.refreshWarnings()
  return { seeded: true, cases: created }
}

// ——— helpers ———

function toApplicant(person: (typeof DEMO_PEOPLE)[number], random: SeededRandom): DemoApplicantPerson {
  return {
    kind: 'person',
    name: person.name,
    idNumber: person.idNumber,
    phone: person.phone,
    address: buildAddress(random).full,
    // GB 11643: the 17th digit is even for women.
    isFemale: Number(person.idNumber[16]) % 2 === 0,
  }
}

function toActor(found: {
  id: string
  loginName: string
  displayName: string
  kind: 'staff' | 'person' | 'organization'
  roles?: string[]
  departmentId?: string | null
}): Actor {
  return {
    id: found.id,
    sessionId: 'demo-seed',
    csrfToken: '',
    permissions: new Set<string>(),
    kind: found.kind,
    loginName: found.loginName,
    displayName: found.displayName,
    roles: (found.roles ?? []) as Actor['roles'],
    departmentId: found.departmentId ?? null,
    departmentName: null,
    restriction: null,
  } as Actor
}

function buildApplicantFor(item: ItemGuide, random: SeededRandom): DemoApplicant {
  const serves = item.subjects as readonly string[]
  const isOrganization = serves.includes('legal_person') && (!serves.includes('natural_person') || random.chance(0.5))
  return isOrganization ? buildCompany(random) : buildPerson(random)
}

/** Answers every situation question the applicant is asked (follow-ups only when shown). */
function buildAnswers(item: ItemGuide, random: SeededRandom): Answers {
  const answers: Answers = {}
  for (;;) {
    const next = listVisibleQuestions(item, answers).find((question) => !(question.id in answers))
    if (!next) return answers
    const option = random.pick(next.options)
    answers[next.id] = next.kind === 'multiple' ? [option.id] : option.id
  }
}

const DAY_MS = 86_400_000

function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** The instant `minutes` after midnight of `day` in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiTime(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3_600_000 + minutes * 60_000)
}

/** The working days of the last `count` calendar days before `today`, oldest first. */
function listPastWorkingDays(calendar: WorkingDays, today: string, count: number): string[] {
  const days: string[] = []
  const todayMs = Date.parse(`${today}T00:00:00Z`)
  for (let back = count; back >= 1; back--) {
    const day = new Date(todayMs - back * DAY_MS).toISOString().slice(0, 10)
    if (calendar.isWorkingDay(day)) days.push(day)
  }
  return days
}
