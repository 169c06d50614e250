import { CaseAction } from '../case-states.js'

/** What a message about a case may say. No ID numbers, phones or addresses: a text message is read on a lock screen. */
export type CaseMessageFacts = {
  /** The sender's name in the SMS signature, e.g. 常熟市政务服务中心. */
  centreName: string
  itemName: string
  caseNumber: string
  /** The path the in-site message opens, e.g. /me/cases/<id>. */
  link?: string
  /** accept: the promised day (2026-12-20). */
  dueOn?: string
  /** not_accept, return_for_changes, deny, start_special_procedure: the reason as recorded. */
  reason?: string
  /** start_special_procedure: 听证 / 专家评审 / 检验检测 / 现场勘验. */
  procedureName?: string
  /** deliver: 窗口领取 / 邮寄（运单号 …）/ 电子送达. */
  deliveryDescription?: string
}

/** One notification: the SMS text (with its 【signature】), the in-site title and text. */
export type CaseMessage = { smsText: string; siteTitle: string; siteText: string; link?: string }

const REASON_LIMIT = 60

function shorten(text: string | undefined): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim()
  return clean.length > REASON_LIMIT ? `${clean.slice(0, REASON_LIMIT)}…` : clean
}

/** 12月20日: how a text message names a day. */
function formatDay(day: string | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '')
  if (!match) return ''
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`
}

type Template = { title: string; body: (facts: CaseMessageFacts) => string }

// One sentence each, in the order of the life of a case; the SMS and the in-site message say the same thing.
const TEMPLATES: Record<Exclude<CaseAction, 'create'>, Template> = {
  submit: { title: '申请已提交', body: () => '已提交，我们将尽快审查申请材料。' },
  pass_pre_review: { title: '预审通过', body: () => '已通过预审，等待受理。' },
  return_for_changes: {
    title: '申请被退回修改',
    body: (facts) =>
      `预审未通过，需修改后重新提交${facts.reason ? `：${shorten(facts.reason)}` : ''}。请登录查看详情。`,
  },
  resubmit: { title: '已重新提交', body: () => '已重新提交，我们将尽快审查。' },
  accept: {
    title: '申请已受理',
    body: (facts) => `已受理${facts.dueOn ? `，承诺${formatDay(facts.dueOn)}前办结` : ''}。受理通知书可登录查看。`,
  },
  start_review: { title: '进入审查', body: () => '已进入审查阶段。' },
  not_accept: {
    title: '申请不予受理',
    body: (facts) =>
      `不予受理${facts.reason ? `，理由：${shorten(facts.reason)}` : ''}。请登录查看不予受理决定书，如不服可依法申请行政复议或提起行政诉讼。`,
  },
  request_supplement: {
    title: '请补正材料',
    body: () => '需要补正材料，请登录查看补正告知书并一次性补齐。补正期间办理时限暂停计算。',
  },
  supplement: { title: '补正材料已收到', body: () => '补正材料已收到，办理继续进行。' },
  start_special_procedure: {
    title: '进入特别程序',
    body: (facts) =>
      `进入${facts.procedureName ?? '特别'}程序${facts.reason ? `（${shorten(facts.reason)}）` : ''}，所需时间不计入办理时限。`,
  },
  end_special_procedure: { title: '特别程序结束', body: () => '特别程序已结束，继续审查。' },
  grant: { title: '准予许可', body: () => '已作出准予许可决定，决定书可登录查看，请留意结果送达。' },
  deny: {
    title: '不予许可',
    body: (facts) =>
      `已作出不予许可决定${facts.reason ? `，理由：${shorten(facts.reason)}` : ''}。请登录查看决定书，如不服可依法申请行政复议或提起行政诉讼。`,
  },
  conclude: { title: '已办结', body: () => '已办结。' },
  deliver: {
    title: '结果已送达',
    body: (facts) => `办理结果已送达${facts.deliveryDescription ? `（${facts.deliveryDescription}）` : ''}。`,
  },
  withdraw: { title: '申请已撤回', body: () => '已撤回。' },
}

/**
 * The SMS and in-site message for a case's state change, e.g. 【常熟市政务服务中心】您申请的食品经营许可证核发
 * （办件号 320581-20261208-000123）已受理，承诺2026年12月20日前办结。… Undefined for `create` (a draft tells no one).
 */
export function buildCaseMessage(action: CaseAction, facts: CaseMessageFacts): CaseMessage | undefined {
  if (action === CaseAction.create) return undefined
  const template = TEMPLATES[action]
  const sentence = `您申请的${facts.itemName}（办件号 ${facts.caseNumber}）${template.body(facts)}`
  return {
    smsText: `【${facts.centreName}】${sentence}`,
    siteTitle: `${template.title}：${facts.itemName}`,
    siteText: sentence,
    ...(facts.link ? { link: facts.link } : {}),
  }
}
