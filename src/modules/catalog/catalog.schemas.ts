import { type Static, Type } from 'typebox'
import { ApplicationForm } from './application-form.js'

/*
 * The catalog's data shapes: the guide (办事指南) with every national guide element, the situation tree (情形)
 * and the one-time notice (一次性告知单), plus the request/response shapes of the routes.
 * Closed sets are `as const` objects whose values are stored in the database and in snapshots: never rename one.
 */

function literals<const T extends Record<string, string>>(values: T, description: string) {
  return Type.Enum(values, { description })
}

const Text = (maxLength: number, description: string, minLength = 1) =>
  Type.String({ minLength, maxLength, description })

/** A short id inside one guide (material, condition, question, option): referenced by situation effects. */
export const LocalId = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[A-Za-z0-9_-]+$',
  description: '要素编号（本指南内唯一，字母数字 _-）',
})

/** 事项编码: the national code, kept exactly as given and never reused for another item. */
export const ItemCode = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[0-9A-Za-z][0-9A-Za-z_.-]*$',
  description: '事项编码（按国家/省清单原样保存，永不复用）',
})
export type ItemCode = Static<typeof ItemCode>

export const ItemType = {
  licensing: 'licensing',
  confirmation: 'confirmation',
  payment: 'payment',
  adjudication: 'adjudication',
  reward: 'reward',
  levy: 'levy',
  enforcement: 'enforcement',
  inspection: 'inspection',
  otherPower: 'other_power',
  publicService: 'public_service',
} as const
export type ItemType = (typeof ItemType)[keyof typeof ItemType]
export const ITEM_TYPE_LABELS: Record<ItemType, string> = {
  licensing: '行政许可',
  confirmation: '行政确认',
  payment: '行政给付',
  adjudication: '行政裁决',
  reward: '行政奖励',
  levy: '行政征收',
  enforcement: '行政强制',
  inspection: '行政检查',
  other_power: '其他行政权力',
  public_service: '公共服务',
}
export const ItemTypeCode = literals(ItemType, '事项类型')

/** 网办深度, deepest first. */
export const OnlineDepth = {
  fullOnline: 'full_online',
  onlinePreReview: 'online_pre_review',
  onlineApplication: 'online_application',
  onlineAppointment: 'online_appointment',
  offline: 'offline',
} as const
export type OnlineDepth = (typeof OnlineDepth)[keyof typeof OnlineDepth]
export const ONLINE_DEPTH_LABELS: Record<OnlineDepth, string> = {
  full_online: '全程网办',
  online_pre_review: '网上预审',
  online_application: '网上申报',
  online_appointment: '网上预约',
  offline: '线下办理',
}
export const OnlineDepthCode = literals(OnlineDepth, '网办深度')

export const SubjectType = { naturalPerson: 'natural_person', legalPerson: 'legal_person' } as const
export type SubjectType = (typeof SubjectType)[keyof typeof SubjectType]
export const SUBJECT_TYPE_LABELS: Record<SubjectType, string> = { natural_person: '自然人', legal_person: '法人' }
export const SubjectTypeCode = literals(SubjectType, '服务对象')

/** 主题: person themes (个人办事) and company themes (法人办事). */
export const Theme = {
  birthAdoption: 'birth_adoption',
  education: 'education',
  employment: 'employment',
  socialSecurity: 'social_security',
  householdRegistration: 'household_registration',
  marriage: 'marriage',
  housing: 'housing',
  transport: 'transport',
  medicalHealth: 'medical_health',
  elderlyCare: 'elderly_care',
  socialAssistance: 'social_assistance',
  identityDocuments: 'identity_documents',
  afterDeath: 'after_death',
  establishment: 'establishment',
  operatingPermit: 'operating_permit',
  construction: 'construction',
  taxation: 'taxation',
  humanResources: 'human_resources',
  safetyProduction: 'safety_production',
  deregistration: 'deregistration',
} as const
export type Theme = (typeof Theme)[keyof typeof Theme]
export const THEME_LABELS: Record<Theme, string> = {
  birth_adoption: '生育收养',
  education: '教育',
  employment: '就业创业',
  social_security: '社会保障',
  household_registration: '户籍',
  marriage: '婚姻',
  housing: '住房',
  transport: '交通出行',
  medical_health: '医疗卫生',
  elderly_care: '养老',
  social_assistance: '社会救助',
  identity_documents: '证件办理',
  after_death: '身后事',
  establishment: '设立变更',
  operating_permit: '准营',
  construction: '建设',
  taxation: '纳税',
  human_resources: '人力资源',
  safety_production: '安全生产',
  deregistration: '注销',
}
export const PERSON_THEMES: readonly Theme[] = [
  'birth_adoption',
  'education',
  'employment',
  'social_security',
  'household_registration',
  'marriage',
  'housing',
  'transport',
  'medical_health',
  'elderly_care',
  'social_assistance',
  'identity_documents',
  'after_death',
]
export const COMPANY_THEMES: readonly Theme[] = [
  'establishment',
  'operating_permit',
  'construction',
  'taxation',
  'human_resources',
  'safety_production',
  'deregistration',
]
export const ThemeCode = literals(Theme, '主题分类')

/** A downloadable file: a blank form (空白表格) or a filled sample (示例样表). */
export const FileRef = Type.Object(
  {
    fileName: Text(200, '文件名'),
    url: Type.String({
      minLength: 1,
      maxLength: 500,
      pattern: '^(/|https?://)',
      description: '下载地址：本系统上传的文件为 /api/catalog/files/<id>',
    }),
  },
  { additionalProperties: false },
)
export type FileRef = Static<typeof FileRef>

export const MaterialSource = {
  applicant: 'applicant',
  government: 'government',
  intermediary: 'intermediary',
  other: 'other',
} as const
export type MaterialSource = (typeof MaterialSource)[keyof typeof MaterialSource]
export const MATERIAL_SOURCE_LABELS: Record<MaterialSource, string> = {
  applicant: '申请人自备',
  government: '政府部门核发',
  intermediary: '中介机构出具',
  other: '其他',
}

export const MaterialForm = { original: 'original', copy: 'copy', originalAndCopy: 'original_and_copy' } as const
export type MaterialForm = (typeof MaterialForm)[keyof typeof MaterialForm]
export const MATERIAL_FORM_LABELS: Record<MaterialForm, string> = {
  original: '原件',
  copy: '复印件',
  original_and_copy: '原件和复印件',
}

export const MaterialMedium = {
  paper: 'paper',
  electronic: 'electronic',
  paperOrElectronic: 'paper_or_electronic',
} as const
export type MaterialMedium = (typeof MaterialMedium)[keyof typeof MaterialMedium]
export const MATERIAL_MEDIUM_LABELS: Record<MaterialMedium, string> = {
  paper: '纸质',
  electronic: '电子',
  paper_or_electronic: '纸质或电子',
}

/**
 * 申请材料. `required` materials are always on the one-time notice; `conditional` ones only when a situation
 * answer adds them (and the guide page shows their `condition`).
 */
export const Material = Type.Object(
  {
    id: LocalId,
    name: Text(200, '材料名称'),
    source: literals(MaterialSource, '来源渠道'),
    sourceNote: Type.Optional(Text(200, '来源说明（如：市场监督管理局核发）')),
    form: literals(MaterialForm, '原件/复印件'),
    count: Type.Integer({ minimum: 1, maximum: 99, description: '份数' }),
    medium: literals(MaterialMedium, '纸质/电子'),
    requirement: Type.Union([Type.Literal('required'), Type.Literal('conditional')], {
      description: 'required 必要 / conditional 视情形提交',
    }),
    condition: Type.Optional(Text(300, '提交情形（视情形提交的材料须说明）')),
    specification: Type.Optional(Text(200, '材料规格（如：A4 纸）')),
    blankForm: Type.Optional(FileRef),
    sample: Type.Optional(FileRef),
    notes: Type.Optional(Text(500, '填报须知/备注')),
  },
  { additionalProperties: false, description: '申请材料' },
)
export type Material = Static<typeof Material>

/** 设定依据 / 实施依据 with the article's text. */
export const LegalBasis = Type.Object(
  {
    title: Text(200, '法律法规名称（如：《中华人民共和国食品安全法》）'),
    article: Type.Optional(Text(100, '条款号（如：第三十五条）')),
    text: Text(4000, '条款内容'),
  },
  { additionalProperties: false },
)
export type LegalBasis = Static<typeof LegalBasis>

export const AcceptanceCondition = Type.Object(
  { id: LocalId, text: Text(1000, '受理条件') },
  { additionalProperties: false },
)
export type AcceptanceCondition = Static<typeof AcceptanceCondition>

/** 即办件 is done on the spot (promised 0 days); 承诺件 within `promisedDays` working days (工作日). */
export const TimeLimit = Type.Object(
  {
    kind: Type.Union([Type.Literal('instant'), Type.Literal('promised')], {
      description: 'instant 即办件 / promised 承诺件',
    }),
    statutoryDays: Type.Integer({ minimum: 0, maximum: 3650, description: '法定办结时限（工作日）' }),
    promisedDays: Type.Integer({ minimum: 0, maximum: 3650, description: '承诺办结时限（工作日）' }),
    note: Type.Optional(Text(500, '时限说明（如：不含听证、专家评审时间）')),
  },
  { additionalProperties: false },
)
export type TimeLimit = Static<typeof TimeLimit>

export const FeeItem = Type.Object(
  {
    name: Text(200, '收费项目'),
    amountYuan: Type.Number({
      minimum: 0,
      maximum: 100_000_000,
      description: '金额（元）；按标准计收的写 0 并填 standard',
    }),
    standard: Type.Optional(Text(500, '收费标准（金额不固定时）')),
    basis: Text(500, '收费依据'),
  },
  { additionalProperties: false },
)
export type FeeItem = Static<typeof FeeItem>

/** 收费: free (不收费) or a list of charged items. */
export const Fee = Type.Union(
  [
    Type.Object({ kind: Type.Literal('free') }, { additionalProperties: false }),
    Type.Object(
      { kind: Type.Literal('charged'), items: Type.Array(FeeItem, { minItems: 1, maxItems: 20 }) },
      { additionalProperties: false },
    ),
  ],
  { description: '收费情况' },
)
export type Fee = Static<typeof Fee>

export const ServiceLocation = Type.Object(
  {
    name: Text(200, '办理地点名称（如：常熟市政务服务中心）'),
    address: Text(300, '地址'),
    window: Type.Optional(Text(200, '窗口（如：二楼 B 区 12–15 号窗口）')),
    hours: Text(300, '办理时间（如：周一至周五 9:00–12:00，13:30–17:00，法定节假日除外）'),
  },
  { additionalProperties: false },
)
export type ServiceLocation = Static<typeof ServiceLocation>

export const ProcessStep = Type.Object(
  {
    name: Text(100, '环节（如：申请、受理、审查、决定、送达）'),
    description: Type.Optional(Text(1000, '环节说明')),
    days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: '环节时限（工作日）' })),
  },
  { additionalProperties: false },
)
export type ProcessStep = Static<typeof ProcessStep>

export const ResultSpec = Type.Object(
  {
    kind: Type.Union([Type.Literal('licence'), Type.Literal('document'), Type.Literal('other')], {
      description: 'licence 证照 / document 批文或文书 / other 其他',
    }),
    name: Text(200, '结果名称（如：食品经营许可证）'),
    licenceTypeCode: Type.Optional(Text(64, '证照类型编码（证照目录）')),
    delivery: Type.Optional(
      Type.Array(Text(50, '送达方式'), { maxItems: 10, description: '送达方式：窗口领取、邮寄、电子证照…' }),
    ),
    sample: Type.Optional(FileRef),
  },
  { additionalProperties: false },
)
export type ResultSpec = Static<typeof ResultSpec>

/** What choosing an option does to the notice. Every id refers to something in the same guide. */
export const SituationEffect = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('add_material'), materialId: LocalId },
      { additionalProperties: false, description: '加入一份（视情形提交的）材料' },
    ),
    Type.Object(
      { kind: Type.Literal('remove_material'), materialId: LocalId },
      { additionalProperties: false, description: '免交一份材料' },
    ),
    Type.Object(
      { kind: Type.Literal('add_condition'), condition: AcceptanceCondition },
      { additionalProperties: false, description: '增加一条受理条件' },
    ),
    Type.Object(
      { kind: Type.Literal('remove_condition'), conditionId: LocalId },
      { additionalProperties: false, description: '去掉一条受理条件' },
    ),
    Type.Object(
      {
        kind: Type.Literal('set_time_limit'),
        timeLimitKind: Type.Optional(Type.Union([Type.Literal('instant'), Type.Literal('promised')])),
        statutoryDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
        promisedDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
      },
      { additionalProperties: false, description: '改变办结时限' },
    ),
    Type.Object({ kind: Type.Literal('set_fee'), fee: Fee }, { additionalProperties: false, description: '改变收费' }),
    Type.Object(
      { kind: Type.Literal('add_note'), text: Text(500, '告知事项') },
      { additionalProperties: false, description: '在告知单上加一条提示' },
    ),
  ],
  { description: '选项的效果' },
)
export type SituationEffect = Static<typeof SituationEffect>

export const SituationOption = Type.Object(
  {
    id: LocalId,
    label: Text(200, '选项'),
    effects: Type.Array(SituationEffect, { maxItems: 50 }),
  },
  { additionalProperties: false },
)
export type SituationOption = Static<typeof SituationOption>

/**
 * 情形问题. A follow-up has `showWhen`: it is asked only when the earlier question's answer includes one of
 * `optionIds`. Questions are asked in list order, so `showWhen` must name an earlier question.
 */
export const SituationQuestion = Type.Object(
  {
    id: LocalId,
    text: Text(300, '问题'),
    kind: Type.Union([Type.Literal('single'), Type.Literal('multiple')], {
      description: 'single 单选 / multiple 多选',
    }),
    help: Type.Optional(Text(500, '说明')),
    options: Type.Array(SituationOption, { minItems: 1, maxItems: 30 }),
    showWhen: Type.Optional(
      Type.Object(
        { questionId: LocalId, optionIds: Type.Array(LocalId, { minItems: 1, maxItems: 30 }) },
        { additionalProperties: false, description: '前序问题选中这些选项之一时才出现' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type SituationQuestion = Static<typeof SituationQuestion>

const Phone = Type.String({
  minLength: 3,
  maxLength: 40,
  pattern: '^[0-9+()\\- ]+$',
  description: '电话（如：0512-52001234）',
})

/**
 * 办事指南: every element of the national guide standard. This object is the unit of editing, versioning,
 * import/export and publishing; a version stores it whole.
 */
export const ItemGuide = Type.Object(
  {
    code: ItemCode,
    name: Text(200, '事项名称'),
    aliases: Type.Array(Text(100, '别名/俗称'), { maxItems: 30, description: '别名、俗称' }),
    itemType: ItemTypeCode,
    departmentCode: Text(64, '实施部门编码（统一身份认证中部门的编码，如 320581-SCJG）'),
    implementingUnit: Type.Optional(Text(200, '承办机构（内设科室）')),
    divisionCode: Type.String({ pattern: '^\\d{6}$', description: '行政区划代码（GB/T 2260），如 320581' }),
    description: Type.Optional(Text(2000, '事项说明')),
    legalBasis: Type.Array(LegalBasis, { maxItems: 30, description: '设定依据' }),
    conditions: Type.Array(AcceptanceCondition, { maxItems: 50, description: '受理条件' }),
    materials: Type.Array(Material, { maxItems: 100, description: '申请材料' }),
    timeLimit: TimeLimit,
    fee: Fee,
    onlineDepth: OnlineDepthCode,
    onlineUrl: Type.Optional(Type.String({ maxLength: 500, pattern: '^(/|https?://)', description: '网上办理地址' })),
    maxVisits: Type.Integer({ minimum: 0, maximum: 10, description: '到办事现场次数' }),
    locations: Type.Array(ServiceLocation, { maxItems: 20, description: '办理地点、窗口和时间' }),
    consultationPhone: Phone,
    complaintPhone: Phone,
    processSteps: Type.Array(ProcessStep, { maxItems: 30, description: '办理流程' }),
    result: ResultSpec,
    subjects: Type.Array(SubjectTypeCode, { minItems: 1, maxItems: 2, description: '服务对象' }),
    themes: Type.Array(ThemeCode, { maxItems: 10, description: '主题分类' }),
    lifeEvents: Type.Array(Text(100, '一件事'), { maxItems: 10, description: '所属“一件事”（如：开办企业）' }),
    keywords: Type.Array(Text(50, '关键词'), { maxItems: 50, description: '检索关键词（群众常用说法）' }),
    situations: Type.Array(SituationQuestion, { maxItems: 40, description: '情形问题' }),
    notes: Type.Optional(Text(2000, '其他说明')),
  },
  { additionalProperties: false, $id: 'ItemGuide', description: '办事指南' },
)
export type ItemGuide = Static<typeof ItemGuide>

/** Answers to the situation questions: question id → chosen option id (single) or ids (multiple). */
export const SituationAnswers = Type.Record(LocalId, Type.Union([LocalId, Type.Array(LocalId, { maxItems: 30 })]), {
  description: '情形答案：问题编号 → 选项编号（多选为数组）',
})
export type SituationAnswers = Static<typeof SituationAnswers>

/** 一次性告知单: what this applicant must bring and know, for the answers given. */
export const OneTimeNoticeContent = Type.Object({
  itemCode: ItemCode,
  itemName: Type.String(),
  itemVersion: Type.Integer(),
  departmentName: Type.String(),
  answers: Type.Array(
    Type.Object({
      questionId: Type.String(),
      question: Type.String(),
      optionIds: Type.Array(Type.String()),
      answer: Type.String(),
    }),
    { description: '所答情形（按提问顺序）' },
  ),
  conditions: Type.Array(AcceptanceCondition),
  materials: Type.Array(Material),
  timeLimit: TimeLimit,
  fee: Fee,
  maxVisits: Type.Integer(),
  onlineDepth: OnlineDepthCode,
  locations: Type.Array(ServiceLocation),
  consultationPhone: Type.String(),
  notes: Type.Array(Type.String()),
})
export type OneTimeNoticeContent = Static<typeof OneTimeNoticeContent>

/** A stored notice: its unique number and where it reopens. */
export const OneTimeNotice = Type.Object({
  number: Type.String({ description: '告知单编号，如 CS-GZ-20261125-000123' }),
  issuedAt: Type.String({ format: 'date-time' }),
  url: Type.String({ description: '重新打开告知单的公开地址（二维码内容）' }),
  pdfUrl: Type.String(),
  notice: OneTimeNoticeContent,
})
export type OneTimeNotice = Static<typeof OneTimeNotice>

// ——— lifecycle ———

/** The editorial state of one version. Stored: never rename. */
export const VersionStatus = {
  draft: 'draft',
  submitted: 'submitted',
  published: 'published',
  superseded: 'superseded',
  withdrawn: 'withdrawn',
} as const
export type VersionStatus = (typeof VersionStatus)[keyof typeof VersionStatus]
export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  published: '已发布',
  superseded: '历史版本',
  withdrawn: '已撤销',
}
export const VersionStatusCode = literals(VersionStatus, '版本状态')

/** The state of an item as a whole, for lists: its working version if any, else its published one. */
export const ItemStatus = Type.Union(
  [Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('published'), Type.Literal('withdrawn')],
  { description: 'draft 草稿 / submitted 待审核 / published 已发布 / withdrawn 已撤销' },
)
export type ItemStatus = Static<typeof ItemStatus>

export const ItemSummary = Type.Object({
  code: ItemCode,
  name: Type.String(),
  itemType: ItemTypeCode,
  departmentId: Type.String(),
  departmentName: Type.String(),
  onlineDepth: OnlineDepthCode,
  subjects: Type.Array(SubjectTypeCode),
  themes: Type.Array(ThemeCode),
  status: ItemStatus,
  publishedVersion: Type.Union([Type.Integer(), Type.Null()], { description: '当前发布版本号' }),
  workingVersion: Type.Union([Type.Integer(), Type.Null()], { description: '草稿或待审核版本号' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type ItemSummary = Static<typeof ItemSummary>

/** One immutable snapshot of a guide (a draft's guide may still change until it is submitted). */
export const ItemVersion = Type.Object({
  code: ItemCode,
  version: Type.Integer({ minimum: 1 }),
  status: VersionStatusCode,
  revision: Type.Integer({ description: '草稿修改次数；保存时回传以防覆盖他人修改' }),
  departmentId: Type.String(),
  departmentName: Type.String(),
  guide: ItemGuide,
  applicationForm: Type.Union([ApplicationForm, Type.Null()], { description: '申请表；null 表示尚未设置网上申请表' }),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String(), Type.Null()], { description: '创建人姓名' }),
  submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()], { description: '发布人姓名' }),
  reviewComment: Type.Union([Type.String(), Type.Null()], { description: '退回或撤销理由' }),
})
export type ItemVersion = Static<typeof ItemVersion>

export const ItemVersionSummary = Type.Omit(ItemVersion, ['guide', 'applicationForm'])
export type ItemVersionSummary = Static<typeof ItemVersionSummary>

export const VersionChange = Type.Object({
  path: Type.String({ description: '字段路径，如 materials[m2].count（列表条目按编号、名称或法规名称+条款号）' }),
  label: Type.String({ description: '字段中文名' }),
  kind: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  before: Type.Unknown(),
  after: Type.Unknown(),
})
export type VersionChange = Static<typeof VersionChange>

export const VersionDiff = Type.Object({
  code: ItemCode,
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(VersionChange),
})
export type VersionDiff = Static<typeof VersionDiff>

// ——— search ———

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: '检索词（群众说法即可，如：开饭店）' })),
    department: Type.Optional(Type.String({ maxLength: 64, description: '实施部门编号或编码' })),
    itemType: Type.Optional(ItemTypeCode),
    onlineDepth: Type.Optional(OnlineDepthCode),
    subject: Type.Optional(SubjectTypeCode),
    theme: Type.Optional(ThemeCode),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, default: 0 })),
  },
  { additionalProperties: false },
)
export type SearchQuery = Static<typeof SearchQuery>

/** A piece of a highlighted field: matched pieces have `isMatch` (render them bold; never as HTML). */
export const HighlightSegment = Type.Object({ text: Type.String(), isMatch: Type.Boolean() })
export const Highlight = Type.Object({
  field: Type.Union(
    [
      Type.Literal('name'),
      Type.Literal('aliases'),
      Type.Literal('keywords'),
      Type.Literal('department'),
      Type.Literal('materials'),
    ],
    { description: '命中字段' },
  ),
  segments: Type.Array(HighlightSegment),
})
export type Highlight = Static<typeof Highlight>

export const SearchHit = Type.Object({
  code: ItemCode,
  name: Type.String(),
  itemType: ItemTypeCode,
  departmentId: Type.String(),
  departmentName: Type.String(),
  onlineDepth: OnlineDepthCode,
  subjects: Type.Array(SubjectTypeCode),
  themes: Type.Array(ThemeCode),
  maxVisits: Type.Integer(),
  score: Type.Number(),
  matchedTerms: Type.Array(Type.String(), { description: '命中的词（含同义词扩展）' }),
  highlights: Type.Array(Highlight),
})
export type SearchHit = Static<typeof SearchHit>

export const SearchResult = Type.Object({
  query: Type.String(),
  terms: Type.Array(Type.String(), { description: '分词结果' }),
  synonyms: Type.Array(Type.Object({ term: Type.String(), expansions: Type.Array(Type.String()) }), {
    description: '本次应用的同义词',
  }),
  total: Type.Integer(),
  items: Type.Array(SearchHit),
})
export type SearchResult = Static<typeof SearchResult>

export const Synonym = Type.Object({
  id: Type.String(),
  term: Type.String({ description: '群众说法，如：开饭店' }),
  expansions: Type.Array(Type.String(), { description: '规范说法，如：食品经营许可' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type Synonym = Static<typeof Synonym>

export const SynonymBody = Type.Object(
  {
    term: Text(50, '群众说法'),
    expansions: Type.Array(Text(50, '规范说法'), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
)
export type SynonymBody = Static<typeof SynonymBody>

// ——— import / export ———

/** The JSON import/export format of the implementation list (实施清单). */
export const ImplementationList = Type.Object(
  {
    format: Type.Literal('tongban.catalog.v1', { description: '格式标识' }),
    exportedAt: Type.Optional(Type.String()),
    items: Type.Array(ItemGuide, { minItems: 1, maxItems: 10000 }),
  },
  { additionalProperties: false },
)
export type ImplementationList = Static<typeof ImplementationList>

/** A refused row: where it is (`sheet` + `row` for workbooks, `index` for JSON) and every reason. */
export const ImportProblem = Type.Object({
  row: Type.Integer({ description: '工作簿行号（从 1 起，含表头）或 JSON 数组序号（从 1 起）' }),
  sheet: Type.Optional(Type.String()),
  itemCode: Type.Union([Type.String(), Type.Null()]),
  reasons: Type.Array(Type.String()),
})
export type ImportProblem = Static<typeof ImportProblem>

export const ImportReport = Type.Object({
  imported: Type.Boolean({ description: '是否已导入（任何一行有误则全部不导入）' }),
  total: Type.Integer(),
  created: Type.Array(Type.String(), { description: '新建的事项编码' }),
  updated: Type.Array(Type.String(), { description: '生成新草稿的事项编码' }),
  problems: Type.Array(ImportProblem),
})
export type ImportReport = Static<typeof ImportReport>

// ——— request bodies ———

export const CodeParams = Type.Object({ code: ItemCode }, { additionalProperties: false })
export const VersionParams = Type.Object(
  { code: ItemCode, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const DiffParams = Type.Object(
  { code: ItemCode, a: Type.Integer({ minimum: 1 }), b: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)

/** In a request: the form to save; null removes it; omitted keeps the one the draft (or its predecessor) has. */
const ApplicationFormInput = Type.Optional(
  Type.Union([ApplicationForm, Type.Null()], { description: '申请表；不传则沿用当前版本的申请表，null 为删除' }),
)

export const CreateItemBody = Type.Object(
  { guide: ItemGuide, applicationForm: ApplicationFormInput },
  { additionalProperties: false },
)
export const SaveDraftBody = Type.Object(
  {
    guide: ItemGuide,
    applicationForm: ApplicationFormInput,
    expectedRevision: Type.Optional(Type.Integer({ minimum: 0, description: '读取草稿时的 revision；不符则 409' })),
  },
  { additionalProperties: false },
)
export const ReasonBody = Type.Object({ reason: Text(500, '理由') }, { additionalProperties: false })
export const NoticeBody = Type.Object({ answers: SituationAnswers }, { additionalProperties: false })

export const WorkbenchItemQuery = Type.Object(
  {
    status: Type.Optional(ItemStatus),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
)

/** A published guide as the public reads it. */
export const PublishedItem = Type.Object({
  code: ItemCode,
  version: Type.Integer(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
  guide: ItemGuide,
  applicationForm: Type.Union([ApplicationForm, Type.Null()], { description: '申请表；null 表示不能网上申请' }),
})
export type PublishedItem = Static<typeof PublishedItem>

export const BrowseResult = Type.Object({ total: Type.Integer(), items: Type.Array(ItemSummary) })

export const Facets = Type.Object({
  departments: Type.Array(
    Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), count: Type.Integer() }),
  ),
  themes: Type.Array(
    Type.Object({ code: ThemeCode, label: Type.String(), subject: SubjectTypeCode, count: Type.Integer() }),
  ),
  itemTypes: Type.Array(Type.Object({ code: ItemTypeCode, label: Type.String(), count: Type.Integer() })),
})
export type Facets = Static<typeof Facets>

export const StoredFile = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  url: Type.String(),
  size: Type.Integer(),
})

export const FileUploadQuery = Type.Object(
  {
    purpose: Type.Union([Type.Literal('blankForm'), Type.Literal('sample')], {
      description: 'blankForm 空白表格（pdf、docx、xlsx、ofd）/ sample 示例样表（pdf、jpg、png）',
    }),
  },
  { additionalProperties: false },
)
