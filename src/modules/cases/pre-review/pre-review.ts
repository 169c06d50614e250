import {
  type ApplicationForm,
  buildNoticePreview,
  type FormSchemaNode,
  findAnswerProblems,
  type ItemGuide,
  type SituationAnswers,
} from '../../catalog/index.js'
import { findIdNumberProblem, isValidUscc, maskIdNumber } from '../../identity/index.js'
import { isCalendarDate, validateApplicationForm, walkFormData } from '../application-form/index.js'

/*
 * 智能预审: what a machine can check before a person submits and again when staff open the case. Every rule
 * gives a check that passed or failed, so the reviewer sees both; messages are plain Chinese and show ID numbers
 * masked only.
 */

/** Rule codes: stored with a case's pre-review result, so never rename one. */
export const PreReviewRule = {
  situations: 'situations_answered',
  material: 'material_present',
  subject: 'applicant_subject',
  applicantId: 'applicant_id_valid',
  applicantMatchesForm: 'applicant_matches_form',
  formIdNumber: 'form_id_number_valid',
  formUscc: 'form_uscc_valid',
  dates: 'dates_consistent',
  form: 'form_complete',
} as const
export type PreReviewRule = (typeof PreReviewRule)[keyof typeof PreReviewRule]

export type PreReviewCheck = {
  rule: PreReviewRule
  passed: boolean
  message: string
  /** What the check is about: a material id or a form field path (JSON pointer). */
  subject?: string
}

export type PreReviewApplicant =
  | { kind: 'person'; name: string; idNumber?: string }
  | { kind: 'organization'; name: string; uscc?: string }

export type PreReviewInput = {
  item: { code: string; version: number; departmentName: string; guide: ItemGuide }
  answers: SituationAnswers
  form: ApplicationForm | null
  formData: unknown
  /** Ids of the guide's materials the applicant has provided. */
  materialIds: readonly string[]
  applicant: PreReviewApplicant
  /** What "today" is for dates that cannot lie ahead (defaults to now). */
  now?: Date
}

const ID_PROBLEMS: Record<string, string> = {
  format: '不是 18 位居民身份证号码',
  birthDate: '中的出生日期不存在',
  checkDigit: '校验位不正确',
}

function materialChecks(input: PreReviewInput): PreReviewCheck[] {
  const { guide } = input.item
  const checks: PreReviewCheck[] = []
  const answerProblems = findAnswerProblems(guide, input.answers)
  checks.push(
    answerProblems.length === 0
      ? { rule: PreReviewRule.situations, passed: true, message: '办理情形已全部选择' }
      : {
          rule: PreReviewRule.situations,
          passed: false,
          message: `办理情形未选完整：${answerProblems.map((problem) => problem.reason).join('；')}`,
        },
  )
  // The same rules as the one-time notice: what the answers given so far require.
  const notice = buildNoticePreview(guide, input.answers, {
    itemVersion: input.item.version,
    departmentName: input.item.departmentName,
  })
  const present = new Set(input.materialIds)
  for (const material of notice.materials) {
    checks.push(
      present.has(material.id)
        ? { rule: PreReviewRule.material, passed: true, message: `已提交“${material.name}”`, subject: material.id }
        : { rule: PreReviewRule.material, passed: false, message: `缺少“${material.name}”`, subject: material.id },
    )
  }
  return checks
}

function applicantChecks(input: PreReviewInput): PreReviewCheck[] {
  const { applicant } = input
  const subjects = input.item.guide.subjects
  const wanted = applicant.kind === 'person' ? 'natural_person' : 'legal_person'
  const checks: PreReviewCheck[] = [
    subjects.includes(wanted)
      ? {
          rule: PreReviewRule.subject,
          passed: true,
          message: applicant.kind === 'person' ? '本事项受理个人申请' : '本事项受理单位申请',
        }
      : {
          rule: PreReviewRule.subject,
          passed: false,
          message:
            applicant.kind === 'person'
              ? '本事项只受理法人或其他组织的申请，请以单位身份申请'
              : '本事项只受理个人申请，请由本人申请',
        },
  ]
  if (applicant.kind === 'person') {
    const problem = applicant.idNumber ? findIdNumberProblem(applicant.idNumber) : 'format'
    checks.push(
      problem
        ? {
            rule: PreReviewRule.applicantId,
            passed: false,
            message: `申请人居民身份证号码${ID_PROBLEMS[problem] ?? '不正确'}`,
          }
        : { rule: PreReviewRule.applicantId, passed: true, message: '申请人居民身份证号码校验通过' },
    )
  } else {
    checks.push(
      applicant.uscc && isValidUscc(applicant.uscc)
        ? { rule: PreReviewRule.applicantId, passed: true, message: '申请单位统一社会信用代码校验通过' }
        : { rule: PreReviewRule.applicantId, passed: false, message: '申请单位统一社会信用代码不正确' },
    )
  }
  return checks
}

const normalize = (value: string) => value.trim().toUpperCase()

function formChecks(input: PreReviewInput): PreReviewCheck[] {
  if (!input.form) return []
  const checks: PreReviewCheck[] = []
  const root = input.form.schema as FormSchemaNode
  const today = new Date((input.now ?? new Date()).getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  const applicantKey =
    input.applicant.kind === 'person'
      ? { source: 'applicant.idNumber', value: input.applicant.idNumber }
      : { source: 'company.uscc', value: input.applicant.uscc }
  walkFormData(root, input.formData, ({ path, labels, node, value, parent }) => {
    if (typeof value !== 'string' || value === '') return
    const field = labels.join(' › ')
    const subject = `/${path.join('/')}`
    if (node.format === 'id-number') {
      const problem = findIdNumberProblem(value)
      checks.push({
        rule: PreReviewRule.formIdNumber,
        passed: !problem,
        message: problem
          ? `“${field}”（${maskIdNumber(normalize(value))}）${ID_PROBLEMS[problem] ?? '不正确'}`
          : `“${field}”校验通过`,
        subject,
      })
    }
    if (node.format === 'uscc') {
      const isValid = isValidUscc(value)
      checks.push({
        rule: PreReviewRule.formUscc,
        passed: isValid,
        message: isValid ? `“${field}”校验通过` : `“${field}”（${normalize(value)}）校验位不正确`,
        subject,
      })
    }
    if (node['x-prefill'] === applicantKey.source && applicantKey.value) {
      const matches = normalize(value) === normalize(applicantKey.value)
      checks.push({
        rule: PreReviewRule.applicantMatchesForm,
        passed: matches,
        message: matches
          ? `“${field}”与申请人一致`
          : `“${field}”与${input.applicant.kind === 'person' ? '申请人的居民身份证号码' : '申请单位的统一社会信用代码'}不一致`,
        subject,
      })
    }
    if (node['x-notFuture'] === true && isCalendarDate(value)) {
      const isFuture = value > today
      checks.push({
        rule: PreReviewRule.dates,
        passed: !isFuture,
        message: isFuture ? `“${field}”（${value}）晚于今天` : `“${field}”不晚于今天`,
        subject,
      })
    }
    const startName = node['x-notBefore']
    const start = typeof startName === 'string' ? parent?.[startName] : undefined
    if (typeof start === 'string' && isCalendarDate(start) && isCalendarDate(value)) {
      const isBefore = value < start
      checks.push({
        rule: PreReviewRule.dates,
        passed: !isBefore,
        message: isBefore ? `“${field}”（${value}）早于开始日期（${start}）` : `“${field}”不早于开始日期`,
        subject,
      })
    }
  })
  // Everything else the form requires (filled fields, lengths, options), summarized in one check.
  const remaining = validateApplicationForm(input.form, input.formData, { now: input.now }).filter(
    (problem) => !['format', 'x-notFuture', 'x-notBefore'].includes(problem.rule),
  )
  checks.push(
    remaining.length === 0
      ? { rule: PreReviewRule.form, passed: true, message: '申请表填写完整' }
      : {
          rule: PreReviewRule.form,
          passed: false,
          message: `申请表有 ${remaining.length} 处需要修改：${remaining
            .slice(0, 5)
            .map((problem) => problem.message)
            .join('；')}${remaining.length > 5 ? '……' : ''}`,
        },
  )
  return checks
}

/**
 * 智能预审 of an application: situations answered, every material the answers require present, the applicant
 * of the kind the item serves with a valid ID number or 统一社会信用代码, ID numbers and codes in the form valid,
 * dates consistent, the form complete. Pure; returns every check, passed or failed, in a stable order.
 */
export function runPreReview(input: PreReviewInput): PreReviewCheck[] {
  return [...applicantChecks(input), ...materialChecks(input), ...formChecks(input)]
}
