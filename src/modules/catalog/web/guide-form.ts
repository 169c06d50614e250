import type { ItemGuide } from '../catalog.schemas.js'

/** A new guide's starting values: the demo county and one empty row where a row is always needed. */
export function buildEmptyGuide(): ItemGuide {
  return {
    code: '',
    name: '',
    aliases: [],
    itemType: 'licensing',
    departmentCode: '',
    divisionCode: '320581',
    legalBasis: [],
    conditions: [],
    materials: [],
    timeLimit: { kind: 'promised', statutoryDays: 20, promisedDays: 5 },
    fee: { kind: 'free' },
    onlineDepth: 'full_online',
    maxVisits: 0,
    locations: [],
    consultationPhone: '',
    complaintPhone: '12345',
    processSteps: [],
    result: { kind: 'licence', name: '' },
    subjects: ['natural_person'],
    themes: [],
    lifeEvents: [],
    keywords: [],
    situations: [],
  }
}

/**
 * Form values → a guide the API accepts: empty optional texts are dropped (the schema wants them absent, not
 * empty), and lists the form left undefined become empty lists.
 */
export function cleanGuide(value: unknown): ItemGuide {
  const clean = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.filter((entry) => entry !== undefined && entry !== null).map(clean)
    if (node && typeof node === 'object') {
      // An untouched optional group (a follow-up condition with nothing chosen) comes back as {}: drop it.
      const isEmpty = (entry: unknown) =>
        entry === undefined ||
        entry === null ||
        entry === '' ||
        (typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry as object).length === 0)
      return Object.fromEntries(
        Object.entries(node as Record<string, unknown>)
          .map(([key, entry]) => [key, clean(entry)] as const)
          .filter(([, entry]) => !isEmpty(entry)),
      )
    }
    return typeof node === 'string' ? node.trim() : node
  }
  const guide = clean(value) as Record<string, unknown>
  for (const key of [
    'aliases',
    'legalBasis',
    'conditions',
    'materials',
    'locations',
    'processSteps',
    'subjects',
    'themes',
    'lifeEvents',
    'keywords',
    'situations',
  ]) {
    guide[key] ??= []
  }
  for (const question of (guide.situations as { options?: { effects?: unknown[] }[] }[]) ?? []) {
    question.options ??= []
    for (const option of question.options) option.effects ??= []
  }
  return guide as ItemGuide
}
