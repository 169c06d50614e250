import { api } from '../../../web/kit/api.js'
import type {
  Facets,
  OneTimeNotice,
  OneTimeNoticeContent,
  PublishedItem,
  SearchResult,
  SituationAnswers,
} from '../catalog.schemas.js'

export type SearchParams = {
  q?: string
  department?: string
  itemType?: string
  onlineDepth?: string
  subject?: string
  theme?: string
  limit?: number
  offset?: number
}

const itemPath = (code: string) => `/api/catalog/items/${encodeURIComponent(code)}`

/** The public catalog API (no login): search, facets, guides and one-time notices. */
export const catalogApi = {
  search: (params: SearchParams, signal?: AbortSignal) =>
    api.get<SearchResult>('/api/catalog/search', { query: params, signal, quiet: true }),
  getFacets: (signal?: AbortSignal) => api.get<Facets>('/api/catalog/facets', { signal, quiet: true }),
  getItem: (code: string, signal?: AbortSignal) => api.get<PublishedItem>(itemPath(code), { signal, quiet: true }),
  previewNotice: (code: string, answers: SituationAnswers, signal?: AbortSignal) =>
    api.post<OneTimeNoticeContent>(`${itemPath(code)}/notice-preview`, { answers }, { signal, quiet: true }),
  issueNotice: (code: string, answers: SituationAnswers) =>
    api.post<OneTimeNotice>(`${itemPath(code)}/notices`, { answers }),
  getNotice: (number: string, signal?: AbortSignal) =>
    api.get<OneTimeNotice>(`/api/catalog/notices/${encodeURIComponent(number)}`, { signal, quiet: true }),
}
