import type { Queryable } from '../../platform/db/index.js'
import { CASE_STATE_LABELS, type CaseState } from './case-states.js'
import { casesErrors } from './cases.errors.js'
import { findByNumberAndName } from './cases.repository.js'

/** The name as the applicant types it: full-width forms folded, spaces dropped. Stored indexes use the same form. */
export function normalizeApplicantName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '')
}

/**
 * 办件查询: anyone may look a case up by its number plus the applicant's name (matched through the name's blind
 * index, never decrypted). The answer holds no personal data: item, state and key dates. A wrong name and a missing
 * number give the same 404 CASE_LOOKUP_NOT_FOUND, so numbers cannot be probed. The route limits calls per address.
 */
export function createCaseLookup(deps: { db: Queryable; cipher: { blindIndex(value: string): string } }) {
  return async function lookUpCase(number: string, name: string) {
    const row = await findByNumberAndName(deps.db, number, deps.cipher.blindIndex(normalizeApplicantName(name)))
    if (!row) throw casesErrors.lookupNotFound()
    return {
      number: row.number,
      itemName: row.item_name,
      state: row.state,
      stateLabel: CASE_STATE_LABELS[row.state as CaseState] ?? row.state,
      submittedAt: row.submitted_at?.toISOString() ?? null,
      acceptedAt: row.accepted_at?.toISOString() ?? null,
      dueOn: row.due_on,
      concludedAt: row.concluded_at?.toISOString() ?? null,
    }
  }
}
