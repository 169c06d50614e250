import type { Static } from 'typebox'
import { api } from '../../../../web/kit/api.js'
import type { ApplicationFormDefinition } from '../../application-form/form-schema.js'
import type {
  AtRiskList,
  CaseDetail,
  CaseFile,
  CaseSummary,
  CommonOpinion,
  HandlingList,
  RevealedApplicant,
  WindowCaseBody,
} from '../../cases.schemas.js'
import type { CaseMaterialList } from '../../materials/materials.schemas.js'

import type { SituationAnswers, SituationQuestion } from '../cases-api.js'

// What the staff pages read from /api/cases; the types come from the server's own schemas.
export type { CaseDetail, CaseFile, CaseSummary, SituationAnswers, SituationQuestion }

// The parts of the catalog's published item the window reads (GET /api/catalog/items/:code, /api/catalog/search).
export type PublishedItem = {
  code: string
  version: number
  departmentName: string
  guide: { name: string; situations?: SituationQuestion[] }
  applicationForm: ApplicationFormDefinition | null
}
export type SearchResult = { items: { code: string; name: string; departmentName: string }[] }
export type HandlingListData = Static<typeof HandlingList>
export type AtRiskData = Static<typeof AtRiskList>
export type CommonOpinionData = Static<typeof CommonOpinion>
export type RevealedApplicantData = Static<typeof RevealedApplicant>
export type ApplicantInput = WindowCaseBody['applicant']
export type MaterialListData = CaseMaterialList
export type NoticeSummary = { id: string; kind: string; title: string; number: string; issuedAt: string }
export type WorkflowTask = {
  id: string
  name: string
  businessKey: string | null
  state: string
  assigneeId: string | null
}

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`

export const noticePdfUrl = (caseId: string, noticeId: string) =>
  `${casePath(caseId)}/notices/${encodeURIComponent(noticeId)}/pdf`
export const materialViewUrl = (caseId: string, materialId: string) =>
  `${casePath(caseId)}/materials/${encodeURIComponent(materialId)}/view`

/** The staff side of the cases API. */
export const staffApi = {
  searchItems: (q: string, signal?: AbortSignal) =>
    api.get<SearchResult>('/api/catalog/search', { query: { q, limit: 8 }, signal, quiet: true }),
  getItem: (code: string, signal?: AbortSignal) =>
    api.get<PublishedItem>(`/api/catalog/items/${encodeURIComponent(code)}`, { signal }),
  registerAtWindow: (body: WindowCaseBody) => api.post<CaseDetail>('/api/cases/window', body),
  fileAsAgent: (body: Omit<WindowCaseBody, 'identityChecked'> & { authorization: string }) =>
    api.post<CaseDetail>('/api/cases/agent', body),
  submit: (caseId: string) => api.post<CaseDetail>(`${casePath(caseId)}/submit`),
  getCaseFile: (caseId: string, signal?: AbortSignal) => api.get<CaseFile>(`${casePath(caseId)}/file`, { signal }),
  listMaterials: (caseId: string, signal?: AbortSignal) =>
    api.get<CaseMaterialList>(`${casePath(caseId)}/materials`, { signal, quiet: true }),
  uploadMaterial: (caseId: string, materialCode: string, file: File) => {
    const form = new FormData()
    form.append('file', file)
    return api.postForm<unknown>(`${casePath(caseId)}/materials`, form, { query: { materialCode } })
  },
  listNotices: (caseId: string, signal?: AbortSignal) =>
    api.get<NoticeSummary[]>(`${casePath(caseId)}/notices`, { signal, quiet: true }),
  accept: (caseId: string) => api.post<CaseDetail>(`${casePath(caseId)}/accept`),
  notAccept: (caseId: string, reason: string, legalBasis: string) =>
    api.post<CaseDetail>(`${casePath(caseId)}/not-accept`, { reason, legalBasis }),
  requestSupplement: (caseId: string, items: string[], taskId?: string) =>
    api.post<CaseDetail>(`${casePath(caseId)}/supplement-request`, { items, ...(taskId ? { taskId } : {}) }),
  passPreReview: (caseId: string, note?: string) =>
    api.post<CaseDetail>(`${casePath(caseId)}/pre-review/pass`, note ? { note } : {}),
  returnForChanges: (caseId: string, reasons: string[]) =>
    api.post<CaseDetail>(`${casePath(caseId)}/pre-review/return`, { reasons }),
  conclude: (caseId: string) => api.post<CaseDetail>(`${casePath(caseId)}/conclude`),
  deliver: (caseId: string, method: 'window' | 'post' | 'electronic', trackingNumber?: string) =>
    api.post<CaseDetail>(`${casePath(caseId)}/delivery`, { method, ...(trackingNumber ? { trackingNumber } : {}) }),
  decide: (caseId: string, body: { decision: 'granted' | 'denied'; reasons?: string; legalBasis?: string }) =>
    api.post<CaseDetail>(`${casePath(caseId)}/decision`, body),
  revealApplicant: (caseId: string, reason: string) =>
    api.post<RevealedApplicantData>(`${casePath(caseId)}/applicant/reveal`, { reason }),
  recordReview: (
    caseId: string,
    body: { taskId?: string; outcome: 'agree' | 'disagree' | 'return'; opinion: string },
  ) => api.post<{ id: string }>(`${casePath(caseId)}/reviews`, body),
  listCommonOpinions: (signal?: AbortSignal) =>
    api.get<CommonOpinionData[]>('/api/cases/common-opinions', { signal, quiet: true }),
  listHandling: (state: string | undefined, signal?: AbortSignal) =>
    api.get<HandlingListData>('/api/cases/handling', { query: { state, limit: 200 }, signal }),
  listAtRisk: (sort: 'due' | 'level', signal?: AbortSignal) =>
    api.get<AtRiskData>('/api/cases/at-risk', { query: { sort, limit: 500 }, signal }),
  /** The caller's open workflow tasks (assigned, and the department's unclaimed ones). */
  listOpenTasks: async (signal?: AbortSignal) => {
    const [mine, unclaimed] = await Promise.all([
      api.get<WorkflowTask[]>('/api/workflow/tasks', { query: { view: 'mine' }, signal, quiet: true }).catch(() => []),
      api
        .get<WorkflowTask[]>('/api/workflow/tasks', { query: { view: 'unclaimed' }, signal, quiet: true })
        .catch(() => []),
    ])
    return { mine, unclaimed }
  },
  claimTask: (taskId: string) => api.post<unknown>(`/api/workflow/tasks/${encodeURIComponent(taskId)}/claim`, {}),
}

/** The newest notice of `kind` of the case, if any. */
export async function findLatestNotice(caseId: string, kind: string): Promise<NoticeSummary | undefined> {
  const notices = await staffApi.listNotices(caseId)
  return notices.filter((notice) => notice.kind === kind).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0]
}

/**
 * Runs a step that issues a notice (受理, 不予受理, 补正) and then shows that notice's PDF in a new tab. The tab is
 * opened during the click, before the request: a tab opened after an await would be stopped by popup blockers.
 */
export async function runAndOpenNotice<T>(caseId: string, kind: string, step: () => Promise<T>): Promise<T> {
  const tab = window.open('', '_blank')
  try {
    const result = await step()
    const notice = await findLatestNotice(caseId, kind)
    if (tab && notice) {
      tab.opener = null
      tab.location.href = noticePdfUrl(caseId, notice.id)
    } else tab?.close()
    return result
  } catch (error) {
    tab?.close()
    throw error
  }
}
