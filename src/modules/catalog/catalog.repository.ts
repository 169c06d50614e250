import type { Queryable } from '../../platform/db/index.js'
import type { ApplicationForm } from './application-form.js'
import type { ItemGuide, ItemStatus, SearchQuery, VersionStatus } from './catalog.schemas.js'
import type { SearchDocument } from './search-text.js'

export type ItemRow = {
  code: string
  department_id: string
  published_version: number | null
  working_version: number | null
  is_withdrawn: boolean
  updated_at: Date
}

export type VersionRow = {
  item_code: string
  version: number
  status: VersionStatus
  revision: number
  guide: ItemGuide
  application_form: ApplicationForm | null
  department_id: string
  department_name: string
  created_at: Date
  created_by: string | null
  submitted_at: Date | null
  published_at: Date | null
  published_by: string | null
  review_comment: string | null
}

export type SummaryRow = {
  code: string
  name: string
  item_type: string
  department_id: string
  department_name: string
  online_depth: string
  subjects: string[]
  themes: string[]
  status: VersionStatus
  published_version: number | null
  working_version: number | null
  is_withdrawn: boolean
  updated_at: Date
}

const VERSION_COLUMNS = `item_code, version, status, revision, guide, application_form, department_id, department_name, created_at, created_by,
  submitted_at, published_at, published_by, review_comment`

const SEARCH_VECTOR = `setweight(to_tsvector('simple', $1), 'A') || setweight(to_tsvector('simple', $2), 'B')
  || setweight(to_tsvector('simple', $3), 'C') || setweight(to_tsvector('simple', $4), 'D')`

export async function findItem(db: Queryable, code: string, forUpdate = false): Promise<ItemRow | undefined> {
  const { rows } = await db.query<ItemRow>(
    `SELECT code, department_id, published_version, working_version, is_withdrawn, updated_at
       FROM catalog.items WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [code],
  )
  return rows[0]
}

export async function hasAnyItem(db: Queryable): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM catalog.items LIMIT 1')
  return rows.length > 0
}

export async function insertItem(db: Queryable, code: string, departmentId: string): Promise<void> {
  await db.query('INSERT INTO catalog.items (code, department_id, working_version) VALUES ($1, $2, 1)', [
    code,
    departmentId,
  ])
}

export async function updateItem(
  db: Queryable,
  code: string,
  change: {
    departmentId?: string
    publishedVersion?: number | null
    workingVersion?: number | null
    isWithdrawn?: boolean
  },
): Promise<void> {
  const sets: string[] = ['updated_at = now()']
  const params: unknown[] = [code]
  const add = (column: string, value: unknown) => {
    params.push(value)
    sets.push(`${column} = $${params.length}`)
  }
  if (change.departmentId !== undefined) add('department_id', change.departmentId)
  if (change.publishedVersion !== undefined) add('published_version', change.publishedVersion)
  if (change.workingVersion !== undefined) add('working_version', change.workingVersion)
  if (change.isWithdrawn !== undefined) add('is_withdrawn', change.isWithdrawn)
  await db.query(`UPDATE catalog.items SET ${sets.join(', ')} WHERE code = $1`, params)
}

function guideColumns(guide: ItemGuide, doc: SearchDocument) {
  return [
    doc.names,
    doc.aliases,
    doc.department,
    doc.materials,
    doc.trigram,
    JSON.stringify(guide),
    guide.name,
    guide.itemType,
    guide.onlineDepth,
    guide.subjects,
    guide.themes,
    guide.maxVisits,
  ]
}

export async function insertVersion(
  db: Queryable,
  version: {
    code: string
    version: number
    status: VersionStatus
    guide: ItemGuide
    doc: SearchDocument
    departmentId: string
    departmentName: string
    createdBy: string | null
    applicationForm: ApplicationForm | null
  },
): Promise<void> {
  await db.query(
    `INSERT INTO catalog.item_versions (search_vector, search_names, guide, name, item_type, online_depth, subjects, themes,
        max_visits, item_code, version, status, department_id, department_name, created_by, application_form)
     VALUES (${SEARCH_VECTOR}, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      ...guideColumns(version.guide, version.doc),
      version.code,
      version.version,
      version.status,
      version.departmentId,
      version.departmentName,
      version.createdBy,
      version.applicationForm === null ? null : JSON.stringify(version.applicationForm),
    ],
  )
}

export async function updateDraftGuide(
  db: Queryable,
  code: string,
  version: number,
  draft: {
    guide: ItemGuide
    doc: SearchDocument
    departmentId: string
    departmentName: string
    /** undefined keeps the stored form; null removes it. */
    applicationForm?: ApplicationForm | null
  },
): Promise<void> {
  const keepsForm = draft.applicationForm === undefined
  await db.query(
    `UPDATE catalog.item_versions
        SET search_vector = ${SEARCH_VECTOR}, search_names = $5, guide = $6, name = $7, item_type = $8, online_depth = $9,
            subjects = $10, themes = $11, max_visits = $12, department_id = $15, department_name = $16,
            application_form = CASE WHEN $17 THEN application_form ELSE $18::json END,
            revision = revision + 1, updated_at = now()
      WHERE item_code = $13 AND version = $14`,
    [
      ...guideColumns(draft.guide, draft.doc),
      code,
      version,
      draft.departmentId,
      draft.departmentName,
      keepsForm,
      draft.applicationForm ? JSON.stringify(draft.applicationForm) : null,
    ],
  )
}

export async function setVersionStatus(
  db: Queryable,
  code: string,
  version: number,
  status: VersionStatus,
  extra: { submitted?: boolean; publishedBy?: string | null; reviewComment?: string | null } = {},
): Promise<void> {
  await db.query(
    `UPDATE catalog.item_versions
        SET status = $3, updated_at = now(),
            submitted_at = CASE WHEN $4 THEN now() ELSE submitted_at END,
            published_at = CASE WHEN $3 = 'published' THEN now() ELSE published_at END,
            published_by = CASE WHEN $3 = 'published' THEN $5 ELSE published_by END,
            review_comment = CASE WHEN $6::text IS NOT NULL THEN $6 WHEN $3 = 'submitted' THEN NULL ELSE review_comment END
      WHERE item_code = $1 AND version = $2`,
    [code, version, status, extra.submitted ?? false, extra.publishedBy ?? null, extra.reviewComment ?? null],
  )
}

export async function findVersion(db: Queryable, code: string, version: number): Promise<VersionRow | undefined> {
  const { rows } = await db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM catalog.item_versions WHERE item_code = $1 AND version = $2`,
    [code, version],
  )
  return rows[0]
}

export async function findLatestVersionNumber(db: Queryable, code: string): Promise<number> {
  const { rows } = await db.query<{ latest: number | null }>(
    'SELECT max(version) AS latest FROM catalog.item_versions WHERE item_code = $1',
    [code],
  )
  return rows[0]?.latest ?? 0
}

export async function listVersions(db: Queryable, code: string): Promise<VersionRow[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM catalog.item_versions WHERE item_code = $1 ORDER BY version DESC`,
    [code],
  )
  return rows
}

export async function listSubmittedVersions(db: Queryable): Promise<VersionRow[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM catalog.item_versions WHERE status = 'submitted' ORDER BY submitted_at`,
  )
  return rows
}

const SUMMARY_SELECT = `
  SELECT i.code, v.name, v.item_type, i.department_id, v.department_name, v.online_depth, v.subjects, v.themes,
         v.status, i.published_version, i.working_version, i.is_withdrawn, i.updated_at
    FROM catalog.items i
    JOIN catalog.item_versions v ON v.item_code = i.code
     AND v.version = coalesce(i.working_version, i.published_version,
                              (SELECT max(version) FROM catalog.item_versions x WHERE x.item_code = i.code))`

/** Items for the workbench: all (departmentIds null) or those of the given departments. */
export async function listItemSummaries(
  db: Queryable,
  filter: { departmentIds: string[] | null; status?: ItemStatus; q?: string; codes?: string[] },
): Promise<SummaryRow[]> {
  const where: string[] = []
  const params: unknown[] = []
  if (filter.departmentIds) {
    params.push(filter.departmentIds)
    where.push(`i.department_id = ANY($${params.length}::uuid[])`)
  }
  if (filter.codes) {
    params.push(filter.codes)
    where.push(`i.code = ANY($${params.length}::text[])`)
  }
  if (filter.q) {
    params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    where.push(`(v.name ILIKE $${params.length} OR i.code ILIKE $${params.length})`)
  }
  if (filter.status === 'withdrawn') where.push('i.is_withdrawn AND i.working_version IS NULL')
  else if (filter.status === 'published') where.push(`v.status = 'published'`)
  else if (filter.status) {
    params.push(filter.status)
    where.push(`v.status = $${params.length}`)
  }
  const { rows } = await db.query<SummaryRow>(
    `${SUMMARY_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.updated_at DESC, i.code LIMIT 2000`,
    params,
  )
  return rows
}

// ——— public reading and search ———

export type PublishedRow = VersionRow

export async function findPublishedVersion(db: Queryable, code: string): Promise<VersionRow | undefined> {
  const { rows } = await db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM catalog.item_versions WHERE item_code = $1 AND status = 'published'`,
    [code],
  )
  return rows[0]
}

export type SearchRow = {
  code: string
  name: string
  item_type: string
  department_id: string
  department_name: string
  online_depth: string
  subjects: string[]
  themes: string[]
  max_visits: number
  aliases: string[]
  keywords: string[]
  material_names: string[]
  score: number
  total: string | number
}

export type SearchFilters = Omit<SearchQuery, 'q' | 'department' | 'limit' | 'offset'> & {
  departmentIds?: string[]
  limit: number
  offset: number
}

function filterClauses(filters: SearchFilters, params: unknown[]): string[] {
  const where = [`v.status = 'published'`]
  if (filters.departmentIds) {
    params.push(filters.departmentIds)
    where.push(`v.department_id = ANY($${params.length}::uuid[])`)
  }
  if (filters.itemType) {
    params.push(filters.itemType)
    where.push(`v.item_type = $${params.length}`)
  }
  if (filters.onlineDepth) {
    params.push(filters.onlineDepth)
    where.push(`v.online_depth = $${params.length}`)
  }
  if (filters.subject) {
    params.push([filters.subject])
    where.push(`v.subjects @> $${params.length}::text[]`)
  }
  if (filters.theme) {
    params.push([filters.theme])
    where.push(`v.themes @> $${params.length}::text[]`)
  }
  return where
}

const HIT_COLUMNS = `v.item_code AS code, v.name, v.item_type, v.department_id, v.department_name, v.online_depth,
  v.subjects, v.themes, v.max_visits,
  ARRAY(SELECT jsonb_array_elements_text(v.guide->'aliases')) AS aliases,
  ARRAY(SELECT jsonb_array_elements_text(v.guide->'keywords')) AS keywords,
  ARRAY(SELECT m->>'name' FROM jsonb_array_elements(v.guide->'materials') m) AS material_names`

/**
 * Ranked published items: segmented tokens through the tsvector (name weighs most, then aliases and keywords,
 * department, materials); the best candidates are then re-ranked with trigram word similarity on names, and
 * when no token matches at all, trigram similarity alone finds names with a typo.
 */
/**
 * Published items matching `matchQuery`, ranked by `rankQuery` (a superset of its terms) and closeness to `text`;
 * when nothing matches, the trigram fallback finds near-misses of `text`.
 */
export async function searchPublished(
  db: Queryable,
  search: { matchQuery: string; rankQuery: string; text: string },
  filters: SearchFilters,
): Promise<SearchRow[]> {
  const params: unknown[] = [search.matchQuery, search.text, search.rankQuery]
  const where = filterClauses(filters, params)
  params.push(filters.limit, filters.offset, Math.max(CANDIDATES, filters.offset + filters.limit))
  const [limit, offset, candidates] = [params.length - 2, params.length - 1, params.length]
  // Similarity is costly per row, so it runs on the best candidates only, never on every match.
  const { rows } = await db.query<SearchRow>(
    `WITH query AS (SELECT to_tsquery('simple', $1) AS tsq, to_tsquery('simple', $3) AS rank_tsq),
     candidates AS (
       SELECT v.item_code, v.version, v.name, v.search_names,
              ts_rank('{0.1, 0.3, 0.6, 1.0}', v.search_vector, query.rank_tsq)
                + CASE WHEN strpos(lower(v.name), $2) > 0 THEN 1.0 ELSE 0 END AS base,
              count(*) OVER () AS total
         FROM catalog.item_versions v, query
        WHERE ${where.join(' AND ')} AND v.search_vector @@ query.tsq
        ORDER BY base DESC
        LIMIT $${candidates}),
     ranked AS (
       SELECT c.item_code, c.version, c.name, c.total, c.base + 0.5 * word_similarity($2, c.search_names) AS score
         FROM candidates c
        ORDER BY score DESC, c.name
        LIMIT $${limit} OFFSET $${offset})
     SELECT ${HIT_COLUMNS}, r.score, r.total
       FROM ranked r JOIN catalog.item_versions v ON v.item_code = r.item_code AND v.version = r.version
      ORDER BY r.score DESC, r.name`,
    params,
  )
  if (rows.length > 0 || filters.offset > 0) return rows
  return searchByTrigram(db, search.text, filters)
}

/**
 * Lexemes in more than `ratio` of the published items (常熟, 办理, 登记 …); none while fewer than `minItems` are
 * published. ts_stat reads every vector, so callers cache the answer.
 */
export async function listCommonLexemes(db: Queryable, ratio: number, minItems: number): Promise<string[]> {
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM catalog.item_versions WHERE status = 'published'`,
  )
  const publishedCount = count.rows[0]?.n ?? 0
  if (publishedCount < minItems) return []
  const { rows } = await db.query<{ word: string }>(
    `SELECT word FROM ts_stat('SELECT search_vector FROM catalog.item_versions WHERE status = ''published''')
      WHERE ndoc > $1`,
    [Math.floor(publishedCount * ratio)],
  )
  return rows.map((row) => row.word)
}

const CANDIDATES = 200

async function searchByTrigram(db: Queryable, text: string, filters: SearchFilters): Promise<SearchRow[]> {
  const params: unknown[] = [text]
  const where = filterClauses(filters, params)
  params.push(filters.limit)
  const { rows } = await db.query<SearchRow>(
    `WITH ranked AS (
       SELECT v.item_code, v.version, v.name, word_similarity($1, v.search_names) AS score, count(*) OVER () AS total
         FROM catalog.item_versions v
        WHERE ${where.join(' AND ')} AND $1 <% v.search_names
        ORDER BY score DESC, v.name
        LIMIT $${params.length})
     SELECT ${HIT_COLUMNS}, r.score, r.total
       FROM ranked r JOIN catalog.item_versions v ON v.item_code = r.item_code AND v.version = r.version
      ORDER BY r.score DESC, r.name`,
    params,
  )
  return rows
}

/** Published items with the filters and no query, by name (browsing). */
export async function browsePublished(db: Queryable, filters: SearchFilters): Promise<SearchRow[]> {
  const params: unknown[] = []
  const where = filterClauses(filters, params)
  params.push(filters.limit, filters.offset)
  const { rows } = await db.query<SearchRow>(
    `WITH page AS (
       SELECT v.item_code, v.version, v.name, count(*) OVER () AS total
         FROM catalog.item_versions v
        WHERE ${where.join(' AND ')}
        ORDER BY v.name
        LIMIT $${params.length - 1} OFFSET $${params.length})
     SELECT ${HIT_COLUMNS}, 0 AS score, p.total
       FROM page p JOIN catalog.item_versions v ON v.item_code = p.item_code AND v.version = p.version
      ORDER BY p.name`,
    params,
  )
  return rows
}

/** The plain scan the benchmark compares search with: ILIKE over names, aliases and keywords. */
export async function searchByIlike(db: Queryable, text: string, limit: number): Promise<{ code: string }[]> {
  const { rows } = await db.query<{ code: string }>(
    `SELECT item_code AS code FROM catalog.item_versions
      WHERE status = 'published' AND (name ILIKE $1 OR guide::text ILIKE $1)
      ORDER BY name LIMIT $2`,
    [`%${text}%`, limit],
  )
  return rows
}

export async function countPublishedBy(db: Queryable): Promise<{
  departments: { department_id: string; department_name: string; count: number }[]
  themes: { theme: string; count: number }[]
  itemTypes: { item_type: string; count: number }[]
}> {
  const departments = await db.query<{ department_id: string; department_name: string; count: number }>(
    `SELECT department_id, min(department_name) AS department_name, count(*)::int AS count
       FROM catalog.item_versions WHERE status = 'published' GROUP BY department_id ORDER BY count DESC`,
  )
  const themes = await db.query<{ theme: string; count: number }>(
    `SELECT theme, count(*)::int AS count FROM catalog.item_versions, unnest(themes) AS theme
      WHERE status = 'published' GROUP BY theme`,
  )
  const itemTypes = await db.query<{ item_type: string; count: number }>(
    `SELECT item_type, count(*)::int AS count FROM catalog.item_versions WHERE status = 'published' GROUP BY item_type`,
  )
  return { departments: departments.rows, themes: themes.rows, itemTypes: itemTypes.rows }
}

// ——— export ———

/** The newest guide of each item (working version, else published), for export. */
export async function listCurrentGuides(
  db: Queryable,
  departmentIds: string[] | null,
): Promise<{ guide: ItemGuide; status: VersionStatus }[]> {
  const params: unknown[] = []
  let where = ''
  if (departmentIds) {
    params.push(departmentIds)
    where = 'WHERE i.department_id = ANY($1::uuid[])'
  }
  const { rows } = await db.query<{ guide: ItemGuide; status: VersionStatus }>(
    `SELECT v.guide, v.status FROM catalog.items i
       JOIN catalog.item_versions v ON v.item_code = i.code
        AND v.version = coalesce(i.working_version, i.published_version,
                                 (SELECT max(version) FROM catalog.item_versions x WHERE x.item_code = i.code))
      ${where} ORDER BY i.code`,
    params,
  )
  return rows
}

// ——— synonyms ———

export type SynonymRow = { id: string; term: string; expansions: string[]; updated_at: Date }

export async function listSynonyms(db: Queryable): Promise<SynonymRow[]> {
  const { rows } = await db.query<SynonymRow>(
    'SELECT id, term, expansions, updated_at FROM catalog.synonyms ORDER BY term',
  )
  return rows
}

export async function findSynonymByTerm(db: Queryable, term: string): Promise<SynonymRow | undefined> {
  const { rows } = await db.query<SynonymRow>(
    'SELECT id, term, expansions, updated_at FROM catalog.synonyms WHERE term = $1',
    [term],
  )
  return rows[0]
}

export async function insertSynonym(
  db: Queryable,
  synonym: { term: string; expansions: string[]; updatedBy: string | null },
): Promise<SynonymRow> {
  const { rows } = await db.query<SynonymRow>(
    `INSERT INTO catalog.synonyms (term, expansions, updated_by) VALUES ($1, $2, $3)
     RETURNING id, term, expansions, updated_at`,
    [synonym.term, synonym.expansions, synonym.updatedBy],
  )
  return rows[0] as SynonymRow
}

export async function updateSynonym(
  db: Queryable,
  id: string,
  synonym: { term: string; expansions: string[]; updatedBy: string | null },
): Promise<SynonymRow | undefined> {
  const { rows } = await db.query<SynonymRow>(
    `UPDATE catalog.synonyms SET term = $2, expansions = $3, updated_by = $4, updated_at = now() WHERE id = $1
     RETURNING id, term, expansions, updated_at`,
    [id, synonym.term, synonym.expansions, synonym.updatedBy],
  )
  return rows[0]
}

export async function deleteSynonym(db: Queryable, id: string): Promise<SynonymRow | undefined> {
  const { rows } = await db.query<SynonymRow>(
    'DELETE FROM catalog.synonyms WHERE id = $1 RETURNING id, term, expansions, updated_at',
    [id],
  )
  return rows[0]
}

// ——— notices ———

export async function nextNoticeSequence(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ next: string }>(`SELECT nextval('catalog.notice_number_seq') AS next`)
  return Number(rows[0]?.next)
}

export async function insertNotice(
  db: Queryable,
  notice: { number: string; code: string; version: number; answers: unknown; content: unknown; issuedAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO catalog.notices (number, item_code, item_version, answers, content, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      notice.number,
      notice.code,
      notice.version,
      JSON.stringify(notice.answers),
      JSON.stringify(notice.content),
      notice.issuedAt,
    ],
  )
}

export type NoticeRow = { number: string; content: unknown; issued_at: Date }

export async function findNotice(db: Queryable, number: string): Promise<NoticeRow | undefined> {
  const { rows } = await db.query<NoticeRow>(
    'SELECT number, content, issued_at FROM catalog.notices WHERE number = $1',
    [number],
  )
  return rows[0]
}

// ——— files ———

export async function insertFile(
  db: Queryable,
  file: { fileName: string; contentType: string; content: Buffer; uploadedBy: string | null },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO catalog.files (file_name, content_type, content, uploaded_by) VALUES ($1, $2, $3, $4) RETURNING id`,
    [file.fileName, file.contentType, file.content, file.uploadedBy],
  )
  return (rows[0] as { id: string }).id
}

export async function findFile(
  db: Queryable,
  id: string,
): Promise<{ file_name: string; content_type: string; content: Buffer } | undefined> {
  const { rows } = await db.query<{ file_name: string; content_type: string; content: Buffer }>(
    'SELECT file_name, content_type, content FROM catalog.files WHERE id = $1',
    [id],
  )
  return rows[0]
}

/**
 * Whether the current published version of an item that is not withdrawn links to `url` (a blank form or sample):
 * such a file is public content. A text search over the published guides, so it needs no link table kept in step.
 */
export async function isFileLinkedFromPublishedItem(db: Queryable, url: string): Promise<boolean> {
  const { rows } = await db.query<{ linked: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM catalog.items i
       JOIN catalog.item_versions v ON v.item_code = i.code AND v.version = i.published_version
       WHERE NOT i.is_withdrawn AND strpos(v.guide::text, $1) > 0
     ) AS linked`,
    [url],
  )
  return rows[0]?.linked === true
}
