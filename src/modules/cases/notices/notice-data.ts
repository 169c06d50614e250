import { CaseNoticeKind } from './notice-kinds.js'

/**
 * Where the applicant may challenge a refusal (行政复议法 2023: within 60 days, to the people's government at the
 * level of the department; 行政诉讼法: within 6 months, to the people's court).
 */
export type NoticeRemedies = {
  /** 行政复议机关, e.g. 常熟市人民政府 */
  reconsiderationBody: string
  /** 人民法院, e.g. 常熟市人民法院 */
  court: string
}

/** Facts every notice prints. Dates are ISO strings: `2026-12-08` for days, full timestamps for moments. */
export type CaseNoticeBase = {
  /** The issuing department (行政机关), printed as the header and above the seal. */
  departmentName: string
  caseNumber: string
  /** The applicant's name or the organization's name, in full: a notice is addressed to the applicant. */
  applicantName: string
  itemName: string
  /** When the application was received (提出申请的日期). */
  submittedAt: string
}

/** A material as received at the window (收件凭证). */
export type ReceivedMaterial = { name: string; count: number; form?: '原件' | '复印件' | '电子件' }
/** A material the applicant must supply or correct, and what is wrong with it (补正告知书). */
export type MaterialToSupplement = { name: string; requirement: string }

export type ReceiptNoticeData = CaseNoticeBase & {
  materials: ReceivedMaterial[]
  /** The clerk who received the materials. */
  receivedBy: string
}
export type AcceptanceNoticeData = CaseNoticeBase & {
  acceptedOn: string
  /** 承诺办结日期 (working days from the next working day, per the platform calendar). */
  dueOn?: string
  promisedDays?: number
  legalBasis?: string
}
export type NonAcceptanceNoticeData = CaseNoticeBase & {
  reason: string
  legalBasis: string
  remedies: NoticeRemedies
}
export type SupplementNoticeData = CaseNoticeBase & {
  /** The complete list, told once (行政许可法第三十二条). */
  materials: MaterialToSupplement[]
  note?: string
  legalBasis?: string
}
export type GrantNoticeData = CaseNoticeBase & {
  decidedOn: string
  /** What is granted, e.g. 食品经营许可证. */
  result: string
  /** How and when the result is delivered (e.g. 窗口领取 / 邮寄 / 电子证照). */
  deliveryNote?: string
  legalBasis?: string
}
export type DenialNoticeData = CaseNoticeBase & {
  decidedOn: string
  reasons: string
  legalBasis: string
  remedies: NoticeRemedies
}

/** What each kind of notice is drawn from. */
export type CaseNoticeDataByKind = {
  receipt: ReceiptNoticeData
  acceptance: AcceptanceNoticeData
  non_acceptance: NonAcceptanceNoticeData
  supplement: SupplementNoticeData
  grant: GrantNoticeData
  denial: DenialNoticeData
}

/** One notice to draw: its kind and the facts of that kind. */
export type CaseNoticeContent = {
  [Kind in CaseNoticeKind]: { kind: Kind; data: CaseNoticeDataByKind[Kind] }
}[CaseNoticeKind]

export type CaseNoticeData = CaseNoticeDataByKind[CaseNoticeKind]

/** The remedies of a county-level department: the county's government and its basic people's court. */
export function buildCountyRemedies(divisionName: string): NoticeRemedies {
  return { reconsiderationBody: `${divisionName}人民政府`, court: `${divisionName}人民法院` }
}

/** The notice kinds that refuse something and so must state reasons, legal basis and remedies. */
export const REFUSAL_KINDS: readonly CaseNoticeKind[] = [CaseNoticeKind.nonAcceptance, CaseNoticeKind.denial]
