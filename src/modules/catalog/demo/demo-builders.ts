import type {
  AcceptanceCondition,
  Fee,
  ItemGuide,
  LegalBasis,
  Material,
  ProcessStep,
  ServiceLocation,
  SituationEffect,
  SituationOption,
  SituationQuestion,
} from '../catalog.schemas.js'

/*
 * Small builders that keep the demo catalog readable: each item file states only what is particular to the
 * item, and the department's place, windows and phones come from one table here. Addresses, window numbers
 * and phone numbers are made up; item names, structures and legal bases follow the Jiangsu implementation lists.
 */

export const DEMO_CATALOG_DIVISION = '320581'

const CENTRE_NAME = '常熟市政务服务中心'
const CENTRE_ADDRESS = '江苏省常熟市海虞北路 59 号'
export const CENTRE_HOURS = '周一至周五 9:00—12:00，13:30—17:00（法定节假日除外，调休工作日照常办公）'
const SATURDAY_HOURS = `${CENTRE_HOURS}；周六 9:00—12:00 延时服务`

export type DemoDepartmentKey =
  | 'approval'
  | 'market'
  | 'health'
  | 'housing'
  | 'planning'
  | 'police'
  | 'hrss'
  | 'civil'
  | 'centre'

type DepartmentDesk = { code: string; window: string; phone: string; hours?: string; extra?: ServiceLocation }

/** Where each department receives applications in the centre, and its consultation phone. */
export const DEPARTMENT_DESKS: Record<DemoDepartmentKey, DepartmentDesk> = {
  approval: { code: '320581-XZSP', window: '二楼 B 区 21—30 号窗口（投资建设项目审批专区）', phone: '0512-52890621' },
  market: { code: '320581-SCJG', window: '一楼 A 区 1—12 号窗口（企业开办专区）', phone: '0512-52162315' },
  health: { code: '320581-WSJK', window: '二楼 C 区 41—44 号窗口（卫生健康）', phone: '0512-52763120' },
  housing: { code: '320581-ZJ', window: '二楼 B 区 31—35 号窗口（住房城乡建设）', phone: '0512-52712246' },
  planning: { code: '320581-ZRZY', window: '三楼 D 区 51—68 号窗口（不动产登记、规划许可）', phone: '0512-52791588' },
  police: {
    code: '320581-GA',
    window: '一楼 E 区 61—66 号窗口（户政综合）',
    phone: '0512-52893110',
    hours: SATURDAY_HOURS,
    extra: {
      name: '户籍所在地公安派出所户籍窗口',
      address: '常熟市各公安派出所（虞山、常福、琴川、莫城、碧溪等）',
      hours: CENTRE_HOURS,
    },
  },
  hrss: {
    code: '320581-RS',
    window: '一楼 F 区 71—78 号窗口（人社综合）',
    phone: '0512-52356120',
    hours: SATURDAY_HOURS,
  },
  civil: { code: '320581-MZ', window: '二楼 C 区 45—47 号窗口（民政）', phone: '0512-52729870' },
  centre: { code: '320581-ZWFW', window: '一楼大厅 综合服务台、帮办代办窗口（0 号窗口）', phone: '0512-52890000' },
}

/** The centre's own location for a department, with an optional second place. */
export function deskLocations(key: DemoDepartmentKey): ServiceLocation[] {
  const desk = DEPARTMENT_DESKS[key]
  const main = { name: CENTRE_NAME, address: CENTRE_ADDRESS, window: desk.window, hours: desk.hours ?? CENTRE_HOURS }
  return desk.extra ? [main, desk.extra] : [main]
}

export const JIANGSU_PORTAL = 'https://www.jszwfw.gov.cn/'

type MaterialOptions = Partial<Omit<Material, 'id' | 'name'>>

/** A required material the applicant brings: by default one original, paper or electronic. */
export function material(id: string, name: string, options: MaterialOptions = {}): Material {
  return {
    id,
    name,
    source: 'applicant',
    form: 'original',
    count: 1,
    medium: 'paper_or_electronic',
    requirement: 'required',
    ...options,
  }
}

/** A material needed only in one situation; a situation answer adds it to the notice. */
export function conditional(id: string, name: string, condition: string, options: MaterialOptions = {}): Material {
  return material(id, name, { requirement: 'conditional', condition, ...options })
}

/** 申请表 / 申请书: filled in on site or online, signed (sealed) by the applicant. */
export function applicationForm(id: string, name: string, options: MaterialOptions = {}): Material {
  return material(id, name, {
    medium: 'paper_or_electronic',
    specification: 'A4 纸',
    notes: '可在窗口领取或网上填报，须由申请人签字（单位申请须加盖公章）',
    ...options,
  })
}

export function idCard(id = 'id-card', name = '申请人居民身份证', options: MaterialOptions = {}): Material {
  return material(id, name, {
    source: 'government',
    sourceNote: '公安机关核发',
    medium: 'paper',
    notes: '现场核验原件；可出示“苏服码”或电子身份证代替',
    ...options,
  })
}

export function businessLicence(
  id = 'business-licence',
  { name = '营业执照', ...options }: MaterialOptions & { name?: string } = {},
): Material {
  return material(id, name, {
    source: 'government',
    sourceNote: '市场监督管理部门核发，可通过电子证照共享获取',
    form: 'copy',
    notes: '已共享电子营业执照的免于提交',
    ...options,
  })
}

export const POWER_OF_ATTORNEY_ID = 'power-of-attorney'
export const AGENT_ID_CARD_ID = 'agent-id-card'

/** 授权委托书 and the agent's ID card, asked for only when someone else applies on the applicant's behalf. */
export function delegationMaterials(): Material[] {
  return [
    conditional(POWER_OF_ATTORNEY_ID, '授权委托书', '委托他人代为办理的', {
      specification: 'A4 纸',
      notes: '载明委托事项、权限和期限，由委托人签字（单位须加盖公章）',
    }),
    conditional(AGENT_ID_CARD_ID, '受托人居民身份证', '委托他人代为办理的', {
      source: 'government',
      sourceNote: '公安机关核发',
      medium: 'paper',
    }),
  ]
}

export const addMaterial = (materialId: string): SituationEffect => ({ kind: 'add_material', materialId })
export const removeMaterial = (materialId: string): SituationEffect => ({ kind: 'remove_material', materialId })
export const addNote = (text: string): SituationEffect => ({ kind: 'add_note', text })
export const addCondition = (id: string, text: string): SituationEffect => ({
  kind: 'add_condition',
  condition: { id, text },
})
export const setPromisedDays = (promisedDays: number, statutoryDays?: number): SituationEffect => ({
  kind: 'set_time_limit',
  timeLimitKind: promisedDays === 0 ? 'instant' : 'promised',
  promisedDays,
  ...(statutoryDays === undefined ? {} : { statutoryDays }),
})

export function option(id: string, label: string, effects: SituationEffect[] = []): SituationOption {
  return { id, label, effects }
}

export function question(
  id: string,
  text: string,
  options: SituationOption[],
  extra: Partial<Pick<SituationQuestion, 'kind' | 'help' | 'showWhen'>> = {},
): SituationQuestion {
  return { id, text, kind: 'single', options, ...extra }
}

/** 是否委托他人办理: the follow-up nearly every guide has. */
export function delegationQuestion(showWhen?: SituationQuestion['showWhen']): SituationQuestion {
  return question(
    'delegate',
    '是否委托他人代为办理？',
    [
      option('self', '本人（单位法定代表人或负责人）亲自办理'),
      option('agent', '委托他人代为办理', [addMaterial(POWER_OF_ATTORNEY_ID), addMaterial(AGENT_ID_CARD_ID)]),
    ],
    showWhen ? { showWhen } : {},
  )
}

export const conditions = (...texts: string[]): AcceptanceCondition[] =>
  texts.map((text, index) => ({ id: `c${index + 1}`, text }))

export const basis = (title: string, article: string | undefined, text: string): LegalBasis =>
  article ? { title, article, text } : { title, text }

export const FREE: Fee = { kind: 'free' }

/** 申请 → 受理 → 审查 → 决定 → 送达, with the review's working days. */
export function standardSteps(reviewDays: number, decision = '作出准予或不予许可的决定'): ProcessStep[] {
  return [
    { name: '申请', description: '申请人通过江苏政务服务网或到窗口提交申请材料' },
    {
      name: '受理',
      description: '窗口当场审查材料，齐全且符合法定形式的予以受理；不齐全的一次性告知需补正的全部内容',
      days: 0,
    },
    { name: '审查', description: '对申请材料进行审查，需要现场核查的组织现场核查', days: reviewDays },
    { name: '决定', description: decision, days: 1 },
    { name: '送达', description: '通过窗口领取、免费邮寄或电子证照送达办理结果' },
  ]
}

/** 即办件: accepted and decided on the spot. */
export function instantSteps(result: string): ProcessStep[] {
  return [
    { name: '申请', description: '申请人到窗口或通过网上提交申请材料' },
    { name: '受理', description: '窗口当场核验材料', days: 0 },
    { name: '办结', description: `当场办结并${result}`, days: 0 },
  ]
}

export const DELIVERY = ['窗口领取', '免费邮寄', '电子证照'] as const

type GuideInput = Omit<
  ItemGuide,
  'divisionCode' | 'departmentCode' | 'locations' | 'consultationPhone' | 'complaintPhone' | 'situations' | 'lifeEvents'
> & {
  department: DemoDepartmentKey
  locations?: ServiceLocation[]
  situations?: SituationQuestion[]
  lifeEvents?: string[]
}

/** A whole guide: the department's place and phones are filled in, the complaint line is 12345. */
export function guide({ department, locations, situations, lifeEvents, ...rest }: GuideInput): ItemGuide {
  const desk = DEPARTMENT_DESKS[department]
  return {
    ...rest,
    departmentCode: desk.code,
    divisionCode: DEMO_CATALOG_DIVISION,
    locations: locations ?? deskLocations(department),
    consultationPhone: desk.phone,
    complaintPhone: '12345',
    situations: situations ?? [],
    lifeEvents: lifeEvents ?? [],
  }
}

/**
 * The implementation code (实施编码) style of the Jiangsu lists: the department's 统一社会信用代码 (18),
 * the national base code (12) and a 3-digit business item. Made-up department codes, fixed forever.
 */
const DEPARTMENT_USCC: Record<DemoDepartmentKey, string> = {
  approval: '11320581MB1935527X',
  market: '11320581014160582P',
  health: '113205810141607226',
  housing: '11320581014160101F',
  planning: '11320581MB1938412K',
  police: '11320581014160195H',
  hrss: '11320581014160304E',
  civil: '11320581014160119N',
  centre: '11320581MB1930015D',
}

export function itemCode(department: DemoDepartmentKey, baseCode: string, business = '001'): string {
  return `${DEPARTMENT_USCC[department]}${baseCode}${business}`
}
