import type { Db } from '../../platform/db/index.js'
import type { IdentityService } from '../identity/index.js'
import * as repo from './catalog.repository.js'
import {
  type Facets,
  ITEM_TYPE_LABELS,
  type ItemType,
  PERSON_THEMES,
  type SearchQuery,
  type SearchResult,
  THEME_LABELS,
  type Theme,
} from './catalog.schemas.js'
import { buildDepartmentIndex } from './department-scope.js'
import {
  buildHighlights,
  buildTsQuery,
  findUsedSynonyms,
  type SynonymEntry,
  tokenize,
  tokenizeQuery,
} from './search-text.js'

// Synonyms change rarely; a short cache keeps them off every search's path, and local edits clear it at once.
const SYNONYM_CACHE_MS = 30_000
// Common terms (the idea of Lucene's cutoff frequency): a word in more than `ratio` of published items — 登记,
// 许可, 证明 in a county catalog — would make thousands of items candidates while telling little apart. Such words
// still rank the candidates, but only rarer query words choose them, unless the query has no rarer word. Below
// `minItems` published items every search is cheap, and a share of a handful of items says nothing.
const COMMON_TERMS = { ratio: 0.1, minItems: 500 }
// Document frequencies drift slowly with publishing; reading them costs one pass over all vectors.
const COMMON_TERMS_CACHE_MS = 5 * 60_000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Public search over published items: segmentation, synonyms, filters, ranking and highlights. */
export function createItemSearch({
  db,
  identity,
  commonTermsRule = COMMON_TERMS,
}: {
  db: Db
  identity: Pick<IdentityService, 'getDepartmentDirectory'>
  commonTermsRule?: { ratio: number; minItems: number }
}) {
  let synonyms: { entries: SynonymEntry[]; loadedAt: number } | undefined

  async function loadSynonyms(): Promise<SynonymEntry[]> {
    if (!synonyms || Date.now() - synonyms.loadedAt > SYNONYM_CACHE_MS) {
      const rows = await repo.listSynonyms(db)
      synonyms = { entries: rows.map((row) => ({ term: row.term, expansions: row.expansions })), loadedAt: Date.now() }
    }
    return synonyms.entries
  }

  let commonTerms: { lexemes: Set<string>; loadedAt: number } | undefined

  async function loadCommonTerms(): Promise<Set<string>> {
    if (!commonTerms || Date.now() - commonTerms.loadedAt > COMMON_TERMS_CACHE_MS) {
      const lexemes = await repo.listCommonLexemes(db, commonTermsRule.ratio, commonTermsRule.minItems)
      commonTerms = { lexemes: new Set(lexemes), loadedAt: Date.now() }
    }
    return commonTerms.lexemes
  }

  async function resolveDepartmentIds(department: string | undefined): Promise<string[] | undefined> {
    if (!department) return undefined
    const index = buildDepartmentIndex((await identity.getDepartmentDirectory()).departments)
    const id = UUID.test(department) ? department : index.byCode.get(department)?.id
    return (id && index.byId.get(id)?.subtree) || ['00000000-0000-0000-0000-000000000000']
  }

  /** Ranked published items for `q` (segmented, synonyms applied) with filters; an empty `q` browses by name. */
  async function search(query: SearchQuery): Promise<SearchResult> {
    const text = (query.q ?? '').trim()
    const filters: repo.SearchFilters = {
      itemType: query.itemType,
      onlineDepth: query.onlineDepth,
      subject: query.subject,
      theme: query.theme,
      departmentIds: await resolveDepartmentIds(query.department),
      limit: query.limit ?? 20,
      offset: query.offset ?? 0,
    }
    const terms = text ? tokenizeQuery(text) : []
    const used = text ? findUsedSynonyms(text, await loadSynonyms()) : []
    const expansionTerms = used.flatMap((synonym) => synonym.expansions.flatMap((expansion) => tokenize(expansion)))
    const allTerms = [...new Set([...terms, ...expansionTerms])]
    const rankQuery = buildTsQuery(allTerms)
    const common = text ? await loadCommonTerms() : new Set<string>()
    const rareTerms = allTerms.filter((term) => !common.has(term))
    const matchQuery = rareTerms.length > 0 ? buildTsQuery(rareTerms) : rankQuery
    const rows =
      text && rankQuery
        ? await repo.searchPublished(db, { matchQuery, rankQuery, text: text.toLowerCase() }, filters)
        : text
          ? []
          : await repo.browsePublished(db, filters)
    // Highlight whole synonym expansions and the raw query too, so 食品经营许可 lights up as one phrase.
    const highlightTerms = [
      ...new Set([text, ...used.flatMap((synonym) => synonym.expansions), ...allTerms].filter(Boolean)),
    ]
    return {
      query: text,
      terms,
      synonyms: used,
      total: Number(rows[0]?.total ?? 0),
      items: rows.map((row) => {
        const { highlights, matchedTerms } = buildHighlights(
          {
            name: row.name,
            aliases: row.aliases,
            keywords: row.keywords,
            departmentName: row.department_name,
            materialNames: row.material_names,
          },
          highlightTerms,
        )
        return {
          code: row.code,
          name: row.name,
          itemType: row.item_type as SearchResult['items'][number]['itemType'],
          departmentId: row.department_id,
          departmentName: row.department_name,
          onlineDepth: row.online_depth as SearchResult['items'][number]['onlineDepth'],
          subjects: row.subjects as SearchResult['items'][number]['subjects'],
          themes: row.themes as SearchResult['items'][number]['themes'],
          maxVisits: row.max_visits,
          score: Math.round(Number(row.score) * 1000) / 1000,
          matchedTerms,
          highlights,
        }
      }),
    }
  }

  async function getFacets(): Promise<Facets> {
    const counts = await repo.countPublishedBy(db)
    const index = buildDepartmentIndex((await identity.getDepartmentDirectory()).departments)
    return {
      departments: counts.departments.map((row) => ({
        id: row.department_id,
        code: index.byId.get(row.department_id)?.code ?? '',
        name: row.department_name,
        count: row.count,
      })),
      themes: counts.themes
        .filter((row) => row.theme in THEME_LABELS)
        .map((row) => ({
          code: row.theme as Theme,
          label: THEME_LABELS[row.theme as Theme],
          subject: PERSON_THEMES.includes(row.theme as Theme) ? ('natural_person' as const) : ('legal_person' as const),
          count: row.count,
        })),
      itemTypes: counts.itemTypes
        .filter((row) => row.item_type in ITEM_TYPE_LABELS)
        .map((row) => ({
          code: row.item_type as ItemType,
          label: ITEM_TYPE_LABELS[row.item_type as ItemType],
          count: row.count,
        })),
    }
  }

  return {
    search,
    getFacets,
    searchByIlike: (text: string, limit = 20) => repo.searchByIlike(db, text, limit),
    forgetSynonyms: () => {
      synonyms = undefined
    },
    forgetCommonTerms: () => {
      commonTerms = undefined
    },
  }
}
