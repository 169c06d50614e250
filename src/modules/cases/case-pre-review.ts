import type { Queryable } from '../../platform/db/index.js'
import type { ItemGuide } from '../catalog/index.js'
import type { ApplicationFormDefinition } from './application-form/index.js'
import type { CaseRow } from './cases.repository.js'
import { type PreReviewApplicant, type PreReviewCheck, runPreReview } from './pre-review/index.js'

/** The materials a case has (the materials sub-module answers; app.ts wires it). */
export type CaseMaterialCodes = { listProvidedMaterialCodes(q: Queryable, caseId: string): Promise<string[]> }

/** One 智能预审 check as staff and applicant see it: the rule's result in words, not a flag. */
export type PreReviewCheckView = PreReviewCheck & { resultLabel: '通过' | '未通过' }

/** What the case knows, opened (decrypted) by the service, for the forms module's rules. */
export type PreReviewFacts = {
  row: Pick<CaseRow, 'id' | 'item_code' | 'item_version' | 'applicant_kind' | 'applicant_uscc' | 'situation_answers'>
  guide: ItemGuide
  form: ApplicationFormDefinition | null
  formData: unknown
  departmentName: string
  applicantName: string
  applicantIdNumber: string | null
  now: Date
}

/**
 * 智能预审 of a case with the materials it has right now: the forms module's rules (pre-review/) on the case's
 * answers, form data, applicant and uploaded material codes. Without a materials service no material counts.
 */
export async function runCasePreReview(
  q: Queryable,
  facts: PreReviewFacts,
  materials: CaseMaterialCodes | undefined,
): Promise<PreReviewCheckView[]> {
  const materialIds = materials ? await materials.listProvidedMaterialCodes(q, facts.row.id) : []
  const applicant: PreReviewApplicant =
    facts.row.applicant_kind === 'person'
      ? {
          kind: 'person',
          name: facts.applicantName,
          ...(facts.applicantIdNumber ? { idNumber: facts.applicantIdNumber } : {}),
        }
      : {
          kind: 'organization',
          name: facts.applicantName,
          ...(facts.row.applicant_uscc ? { uscc: facts.row.applicant_uscc } : {}),
        }
  const checks = runPreReview({
    item: {
      code: facts.row.item_code,
      version: facts.row.item_version,
      departmentName: facts.departmentName,
      guide: facts.guide,
    },
    answers: facts.row.situation_answers as Parameters<typeof runPreReview>[0]['answers'],
    form: facts.form as Parameters<typeof runPreReview>[0]['form'],
    formData: facts.formData,
    materialIds,
    applicant,
    now: facts.now,
  })
  return checks.map(toPreReviewView)
}

export function toPreReviewView(check: PreReviewCheck): PreReviewCheckView {
  return { ...check, resultLabel: check.passed ? '通过' : '未通过' }
}
