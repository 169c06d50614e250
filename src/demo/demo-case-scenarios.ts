/*
 * The demo case history's script: how many made-up cases end in which state, what the demo accounts find in
 * 我的办件, who handles each department's cases, and the words they write (reasons, opinions, procedures).
 */

/** How a made-up case ends up: the state it is left in when the seeding stops. */
export type Scenario =
  | 'submitted'
  | 'returned'
  | 'draft'
  | 'not_accepted'
  | 'not_accepted_concluded'
  | 'withdrawn'
  | 'running_red'
  | 'running_yellow'
  | 'running_green'
  | 'supplement'
  | 'special'
  | 'granted'
  | 'concluded'
  | 'denied_concluded'
  | 'delivered'
  | 'delivered_after_supplement'
  | 'parallel_accept'
  | 'parallel_reviews'
  | 'parallel_partial'
  | 'parallel_delivered'

export const MADE_UP_SCENARIOS: readonly [Scenario, number][] = [
  ['delivered', 78],
  ['delivered_after_supplement', 12],
  ['concluded', 16],
  ['denied_concluded', 8],
  ['granted', 12],
  ['not_accepted', 8],
  ['not_accepted_concluded', 8],
  ['withdrawn', 14],
  ['submitted', 34],
  ['running_red', 18],
  ['running_yellow', 16],
  ['running_green', 36],
  ['supplement', 24],
  ['special', 14],
  ['parallel_accept', 10],
  ['parallel_reviews', 14],
  ['parallel_partial', 10],
  ['parallel_delivered', 6],
]

/** What each demo applicant account finds in 我的办件. */
export const ACCOUNT_SCENARIOS: readonly Scenario[] = [
  'delivered',
  'running_green',
  'supplement',
  'submitted',
  'returned',
  'draft',
  'withdrawn',
]

export const WINDOW_CLERKS = ['zhangmin', 'xuhui']
/** Who reviews and decides for each department; departments without demo staff are handled at the window. */
export const DEPARTMENT_HANDLERS: Record<string, string> = {
  '320581-SCJG': 'wangfang',
  '320581-WSJK': 'liuyang',
  '320581-ZJ': 'zhaogang',
  '320581-ZRZY': 'qianlei',
}
export const PARALLEL_REVIEWERS: Record<string, string> = {
  planningReview: 'qianlei',
  housingReview: 'zhaogang',
  marketReview: 'liqiang',
}
export const COUNTERSIGNERS: Record<string, string> = {
  '320581-ZRZY': 'qianlei',
  '320581-ZJ': 'zhaogang',
  '320581-SCJG': 'liqiang',
}

export const RETURN_REASONS = [
  '上传的营业执照副本扫描件不清晰，请重新上传',
  '申请表中联系电话与身份证件信息不一致，请核对',
  '授权委托书缺少委托人签字，请补签后上传',
]
export const NOT_ACCEPTED = [
  {
    reason: '申请事项依法不属于本机关职权范围，请向苏州市相关部门申请',
    legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
  },
  {
    reason: '申请人不具备该事项的申请主体资格',
    legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项',
  },
]
export const DENIALS = [
  {
    reasons: '经现场核查，经营场所与污染源的距离不符合要求',
    legalBasis: '《中华人民共和国行政许可法》第三十八条第二款',
  },
  {
    reasons: '申请人提交的专业技术人员资格证明与实际情况不符',
    legalBasis: '《中华人民共和国行政许可法》第三十八条第二款',
  },
]
export const PROCEDURES = [
  { kind: 'site_survey', reason: '需对经营场所进行现场勘验' },
  { kind: 'expert_review', reason: '技术方案需组织专家评审' },
  { kind: 'inspection', reason: '相关设施需委托第三方检验检测' },
  { kind: 'hearing', reason: '涉及相邻权利人重大利益，依申请组织听证' },
] as const
export const OPINIONS = [
  '经审查，材料齐全，符合法定条件，同意',
  '符合相关规划及技术规范要求，同意',
  '经核查，主体资格合法有效，同意',
]
