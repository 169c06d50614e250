import { type Static, Type } from 'typebox'
import { CASE_STATES } from './case-states.js'

const Text = (maxLength: number, description: string, minLength = 0) =>
  Type.String({ minLength, maxLength, description })
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD' })

export const CaseId = Type.String({ format: 'uuid', description: '办件编号（内部）' })
export const CaseParams = Type.Object({ caseId: CaseId }, { additionalProperties: false })
export const CaseStateName = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('submitted'),
    Type.Literal('returned'),
    Type.Literal('accepted'),
    Type.Literal('not_accepted'),
    Type.Literal('supplement_requested'),
    Type.Literal('under_review'),
    Type.Literal('special_procedure'),
    Type.Literal('granted'),
    Type.Literal('denied'),
    Type.Literal('concluded'),
    Type.Literal('delivered'),
    Type.Literal('withdrawn'),
  ],
  { description: `办件状态（${CASE_STATES.length} 种，见 case-states.ts）` },
)

const LocalId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
export const SituationAnswers = Type.Record(LocalId, Type.Union([LocalId, Type.Array(LocalId, { maxItems: 30 })]), {
  description: '情形答案：问题编号 → 选项编号（多选为数组）',
})
export type SituationAnswers = Static<typeof SituationAnswers>

/** Application form data: fields of the item's form; validated against the form by the forms module. */
export const FormData = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  description: '申请表数据（字段 → 值）',
  maxProperties: 300,
})
export type FormData = Static<typeof FormData>

export const CreateDraftBody = Type.Object(
  {
    itemCode: Text(64, '事项编码', 1),
    answers: Type.Optional(SituationAnswers),
    formData: Type.Optional(FormData),
  },
  { additionalProperties: false },
)
export type CreateDraftBody = Static<typeof CreateDraftBody>

export const UpdateDraftBody = Type.Object(
  {
    revision: Type.Integer({ minimum: 1, description: '读取时的修改版本号；已被他处修改时返回 409' }),
    answers: Type.Optional(SituationAnswers),
    formData: Type.Optional(FormData),
  },
  { additionalProperties: false },
)
export type UpdateDraftBody = Static<typeof UpdateDraftBody>

/** A walk-in or represented applicant's identity, entered by a clerk or an agent. */
export const ApplicantInput = Type.Object(
  {
    kind: Type.Union([Type.Literal('person'), Type.Literal('organization')], {
      description: 'person 自然人 / organization 法人',
    }),
    name: Text(100, '申请人姓名或单位名称', 1),
    idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: '居民身份证号码（自然人）' })),
    uscc: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{18}$', description: '统一社会信用代码（法人）' })),
    phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '联系手机' })),
    address: Type.Optional(Text(200, '联系地址')),
  },
  { additionalProperties: false },
)
export type ApplicantInput = Static<typeof ApplicantInput>

export const WindowCaseBody = Type.Object(
  {
    itemCode: Text(64, '事项编码', 1),
    applicant: ApplicantInput,
    answers: Type.Optional(SituationAnswers),
    formData: Type.Optional(FormData),
    identityChecked: Type.Literal(true, { description: '已核验申请人身份证件原件' }),
  },
  { additionalProperties: false },
)
export type WindowCaseBody = Static<typeof WindowCaseBody>

export const AgentCaseBody = Type.Object(
  {
    itemCode: Text(64, '事项编码', 1),
    applicant: ApplicantInput,
    authorization: Text(500, '授权委托记录（如授权委托书编号、签署日期）', 2),
    answers: Type.Optional(SituationAnswers),
    formData: Type.Optional(FormData),
  },
  { additionalProperties: false },
)
export type AgentCaseBody = Static<typeof AgentCaseBody>

export const ReasonBody = Type.Object({ reason: Text(2000, '理由', 1) }, { additionalProperties: false })
export const OptionalNoteBody = Type.Object(
  { note: Type.Optional(Text(2000, '说明')) },
  { additionalProperties: false },
)
export const ReturnBody = Type.Object(
  { reasons: Type.Array(Text(500, '退回理由', 1), { minItems: 1, maxItems: 30, description: '退回理由（逐条）' }) },
  { additionalProperties: false },
)
export const NotAcceptBody = Type.Object(
  { reason: Text(2000, '不予受理理由', 1), legalBasis: Text(1000, '法律依据', 1) },
  { additionalProperties: false },
)
export const SupplementBody = Type.Object(
  {
    items: Type.Array(Text(500, '需补正的材料或内容', 1), {
      minItems: 1,
      maxItems: 50,
      description: '一次性告知的全部补正内容',
    }),
    taskId: Type.Optional(Type.String({ format: 'uuid', description: '办理中的审查任务（流程运行时必填）' })),
  },
  { additionalProperties: false },
)
export const ProcedureKind = Type.Union(
  [Type.Literal('hearing'), Type.Literal('expert_review'), Type.Literal('inspection'), Type.Literal('site_survey')],
  { description: 'hearing 听证 / expert_review 专家评审 / inspection 检验检测 / site_survey 现场勘验' },
)
export const SpecialProcedureBody = Type.Object(
  { kind: ProcedureKind, reason: Text(2000, '启动理由', 1) },
  { additionalProperties: false },
)
export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('granted'), Type.Literal('denied')], { description: '准予 / 不予许可' }),
    reasons: Type.Optional(Text(4000, '决定理由（不予许可时必填）')),
    legalBasis: Type.Optional(Text(2000, '法律依据（不予许可时必填）')),
  },
  { additionalProperties: false },
)
export type DecisionBody = Static<typeof DecisionBody>
export const DeliveryBody = Type.Object(
  {
    method: Type.Union([Type.Literal('window'), Type.Literal('post'), Type.Literal('electronic')], {
      description: 'window 窗口领取 / post 邮寄 / electronic 电子送达',
    }),
    trackingNumber: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{6,40}$', description: '邮寄单号' })),
  },
  { additionalProperties: false },
)
export type DeliveryBody = Static<typeof DeliveryBody>

export const ReviewOutcome = Type.Union([Type.Literal('agree'), Type.Literal('disagree'), Type.Literal('return')], {
  description: 'agree 同意 / disagree 不同意 / return 退回',
})
export const ReviewBody = Type.Object(
  {
    taskId: Type.Optional(Type.String({ format: 'uuid', description: '本办件流程中的待办任务' })),
    outcome: ReviewOutcome,
    opinion: Text(2000, '审查意见', 1),
  },
  { additionalProperties: false },
)
export type ReviewBody = Static<typeof ReviewBody>

export const CommonOpinionBody = Type.Object(
  { text: Text(500, '常用意见', 1), sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })) },
  { additionalProperties: false },
)
export const CommonOpinion = Type.Object({ id: Type.String(), text: Type.String(), sortOrder: Type.Integer() })
export const OpinionParams = Type.Object(
  { opinionId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
)

export const Clock = Type.Object({
  acceptedOn: Day,
  clockStartsOn: Day,
  dueOn: Day,
  statutoryDueOn: Type.Union([Day, Type.Null()]),
  limitDays: Type.Integer({ description: '承诺时限（工作日）' }),
  daysUsed: Type.Integer({ description: '已用工作日' }),
  daysLeft: Type.Integer({ description: '剩余工作日（负数为超期）' }),
  isPaused: Type.Boolean({ description: '计时暂停中（补正、特别程序）' }),
  isProvisional: Type.Boolean({ description: '次年节假日安排尚未发布，暂按周一至周五计算' }),
  warningLevel: Type.Union([Type.Literal('none'), Type.Literal('yellow'), Type.Literal('red')]),
})
export type Clock = Static<typeof Clock>

export const CaseSummary = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '办件编号' }),
  itemCode: Type.String(),
  itemName: Type.String(),
  state: CaseStateName,
  stateLabel: Type.String({ description: '状态（中文）' }),
  channel: Type.String(),
  revision: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  dueOn: Type.Union([Day, Type.Null()]),
  warningLevel: Type.String(),
  nextStep: Nullable(Type.String({ description: '您现在需要做什么' })),
})
export type CaseSummary = Static<typeof CaseSummary>

export const TimelineEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  action: Type.String(),
  actionLabel: Type.String(),
  actorName: Nullable(Type.String()),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  reason: Nullable(Type.String()),
  legalBasis: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
})

export const MaskedApplicant = Type.Object({
  kind: Type.String(),
  name: Type.String({ description: '申请人（姓名脱敏）' }),
  maskedIdNumber: Nullable(Type.String()),
  uscc: Nullable(Type.String()),
  maskedPhone: Nullable(Type.String()),
  maskedAddress: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
})

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  departmentId: Type.String(),
  answers: Type.Record(Type.String(), Type.Unknown()),
  formData: Type.Record(Type.String(), Type.Unknown()),
  applicant: MaskedApplicant,
  isFiledForApplicant: Type.Boolean({ description: '由窗口或代办人代为申请' }),
  decision: Nullable(Type.String()),
  decisionReasons: Nullable(Type.String()),
  decisionLegalBasis: Nullable(Type.String()),
  remedies: Nullable(Type.String({ description: '救济途径' })),
  deliveryMethod: Nullable(Type.String()),
  deliveryTrackingNumber: Nullable(Type.String()),
  clock: Type.Union([Clock, Type.Null()]),
  timeline: Type.Array(TimelineEntry),
  supplementItems: Type.Array(Type.String(), { description: '一次性告知的补正内容' }),
})
export type CaseDetail = Static<typeof CaseDetail>

export const PreReviewCheck = Type.Object({
  rule: Type.String(),
  passed: Type.Boolean(),
  resultLabel: Type.Optional(Type.String({ description: '通过 / 未通过' })),
  message: Type.String(),
  subject: Type.Optional(Type.String()),
})
export const PreReviewResult = Type.Object({ checks: Type.Array(PreReviewCheck) })
export const ReviewOpinionView = Type.Object({
  id: Type.String(),
  taskName: Nullable(Type.String()),
  reviewerName: Type.String(),
  outcome: Type.String(),
  outcomeLabel: Type.String(),
  opinion: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
})
export const CaseFile = Type.Object({
  ...CaseDetail.properties,
  processInstanceId: Nullable(Type.String()),
  preReview: Type.Union([Type.Array(PreReviewCheck), Type.Null()], {
    description: '智能预审结果：打开案卷时按当前材料重新计算（草稿为空）',
  }),
  preReviewAtSubmission: Type.Union([Type.Array(PreReviewCheck), Type.Null()], {
    description: '提交时的智能预审结果',
  }),
  opinions: Type.Array(ReviewOpinionView),
})
export type CaseFile = Static<typeof CaseFile>

export const RevealedApplicant = Type.Object({
  name: Type.String(),
  idNumber: Nullable(Type.String()),
  uscc: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  formData: Type.Record(Type.String(), Type.Unknown(), { description: '申请表（未遮蔽）' }),
})

export const LookupQuery = Type.Object(
  {
    number: Type.String({ pattern: '^\\d{6}-\\d{8}-\\d{6,9}$', description: '办件编号' }),
    name: Text(100, '申请人姓名或单位名称', 1),
  },
  { additionalProperties: false },
)
export const LookupResult = Type.Object({
  number: Type.String(),
  itemName: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  acceptedAt: Nullable(Type.String({ format: 'date-time' })),
  dueOn: Type.Union([Day, Type.Null()]),
  concludedAt: Nullable(Type.String({ format: 'date-time' })),
})

export const ListQuery = Type.Object(
  {
    state: Type.Optional(CaseStateName),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
)
export const CaseList = Type.Object({ cases: Type.Array(CaseSummary) })

export const HandlingList = Type.Object({
  cases: Type.Array(CaseSummary),
  counts: Type.Record(Type.String(), Type.Integer(), { description: '各状态件数（标签页计数）' }),
})

export const AtRiskQuery = Type.Object(
  {
    sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('level')], { default: 'due' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
)
export const AtRiskCase = Type.Object({
  id: Type.String(),
  number: Type.String(),
  itemName: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  dueOn: Type.Union([Day, Type.Null()]),
  warningLevel: Type.String(),
})
export const AtRiskList = Type.Object({ cases: Type.Array(AtRiskCase) })
