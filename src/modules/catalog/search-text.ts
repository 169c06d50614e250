import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import type { Highlight, ItemGuide } from './catalog.schemas.js'

/*
 * Chinese search text: jieba segmentation (a maintained library with its dictionary inside the npm package),
 * turned into space-joined tokens that PostgreSQL's 'simple' text search configuration indexes as they are —
 * the same on PGlite and PostgreSQL, with no database-side Chinese parser.
 */

let jieba: Jieba | undefined
function segmenter(): Jieba {
  // Loading the dictionary takes a few hundred milliseconds: do it once, on first use.
  jieba ??= Jieba.withDict(dict)
  return jieba
}

// Words that say nothing about which item is meant ("我想办一下…需要什么材料").
const STOP_WORDS = new Set(
  '我 我们 想 要 想要 怎么 怎样 如何 怎么办 办 办理 办个 一个 一下 需要 什么 哪些 哪里 哪儿 去 的 了 吗 呢 啊 吧 个 可以 能 能否 在 给 请问 和 与 及 或 是 有 没有 带 带什么 材料 手续 流程 问 咨询 申请'.split(
    ' ',
  ),
)

const PUNCTUATION = /[\s\p{P}\p{S}]+/gu

/** Lower-cased search tokens of `text` (jieba's search mode: long words plus their shorter parts). */
export function tokenize(text: string): string[] {
  const cleaned = text.toLowerCase().replace(PUNCTUATION, ' ').trim()
  if (!cleaned) return []
  return segmenter()
    .cutForSearch(cleaned, true)
    .map((token) => token.trim())
    .filter((token) => token.length > 0)
}

/** Tokens of a query, without stop words and single characters (unless nothing else is left). */
export function tokenizeQuery(text: string): string[] {
  const tokens = [...new Set(tokenize(text))]
  const meaningful = tokens.filter((token) => !STOP_WORDS.has(token) && (token.length > 1 || /[a-z0-9]/.test(token)))
  return meaningful.length > 0 ? meaningful : tokens.filter((token) => !STOP_WORDS.has(token))
}

/** The weighted parts of a guide's search document, each a space-joined token string. */
export type SearchDocument = { names: string; aliases: string; department: string; materials: string; trigram: string }

export function buildSearchDocument(guide: ItemGuide, departmentName: string): SearchDocument {
  const join = (texts: string[]) => [...new Set(texts.flatMap(tokenize))].join(' ')
  return {
    names: join([guide.name]),
    aliases: join([...guide.aliases, ...guide.keywords, ...guide.lifeEvents, guide.result.name]),
    department: join([departmentName, guide.implementingUnit ?? '']),
    materials: join(guide.materials.map((material) => material.name)),
    trigram: [guide.name, ...guide.aliases, ...guide.keywords].join(' ').toLowerCase(),
  }
}

/** A tsquery OR-ing the terms; tokens are letters and digits only, so nothing needs quoting. */
export function buildTsQuery(terms: string[]): string {
  const safe = terms.map((term) => term.replace(/[^\p{L}\p{N}]/gu, '')).filter((term) => term.length > 0)
  return [...new Set(safe)].join(' | ')
}

export type SynonymEntry = { term: string; expansions: string[] }

/** The synonyms a query uses: the term appears in the query text (so 我想开饭店 uses 开饭店). */
export function findUsedSynonyms(query: string, synonyms: readonly SynonymEntry[]): SynonymEntry[] {
  const normalized = query.toLowerCase()
  return synonyms.filter((synonym) => normalized.includes(synonym.term.toLowerCase()))
}

/** Splits `text` into plain and matched pieces; longer terms win where they overlap. */
export function buildSegments(text: string, terms: readonly string[]): { text: string; isMatch: boolean }[] {
  const lower = text.toLowerCase()
  const marks = new Array<boolean>(text.length).fill(false)
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    if (!term) continue
    let from = lower.indexOf(term)
    while (from >= 0) {
      for (let index = from; index < from + term.length; index++) marks[index] = true
      from = lower.indexOf(term, from + term.length)
    }
  }
  const segments: { text: string; isMatch: boolean }[] = []
  for (let index = 0; index < text.length; index++) {
    const last = segments[segments.length - 1]
    if (last && last.isMatch === marks[index]) last.text += text[index]
    else segments.push({ text: text[index] as string, isMatch: marks[index] as boolean })
  }
  return segments
}

export type HighlightSource = {
  name: string
  aliases: string[]
  keywords: string[]
  departmentName: string
  materialNames: string[]
}

/** Why a result matched: each field containing a term, with the terms marked. */
export function buildHighlights(source: HighlightSource, terms: readonly string[]) {
  const lowered = terms.map((term) => term.toLowerCase()).filter((term) => term.length > 0)
  const matched = new Set<string>()
  const highlights: Highlight[] = []
  const consider = (field: Highlight['field'], texts: string[], always = false) => {
    const hits = texts.filter((text) => lowered.some((term) => text.toLowerCase().includes(term)))
    for (const text of hits) for (const term of lowered) if (text.toLowerCase().includes(term)) matched.add(term)
    if (hits.length === 0 && !always) return
    const shown = hits.length > 0 ? hits.slice(0, 3).join('、') : (texts[0] ?? '')
    highlights.push({ field, segments: buildSegments(shown, lowered) })
  }
  consider('name', [source.name], true)
  consider('aliases', source.aliases)
  consider('keywords', source.keywords)
  consider('department', [source.departmentName])
  consider('materials', source.materialNames)
  return { highlights, matchedTerms: lowered.filter((term) => matched.has(term)) }
}
