import type { Queryable } from '../../platform/db/index.js'

/** A row of cases.cases as the service reads it. */
export type CaseRow = {
  id: string
  number: string
  item_code: string
  item_version: number
  item_name: string
  department_id: string
  division_code: string
  channel: 'online' | 'window' | 'agent'
  state: string
  resume_state: string | null
  revision: number
  applicant_kind: 'person' | 'organization'
  applicant_account_id: string | null
  applicant_name_cipher: string
  applicant_name_index: string
  applicant_id_number_cipher: string | null
  applicant_id_number_index: string | null
  applicant_uscc: string | null
  applicant_phone_cipher: string | null
  applicant_address_cipher: string | null
  filed_by_account_id: string | null
  authorization_note: string | null
  situation_answers: Record<string, unknown>
  form_data_cipher: string | null
  pre_review: unknown[] | null
  statutory_limit_days: number | null
  promised_limit_days: number | null
  accepted_on: string | null
  clock_starts_on: string | null
  due_on: string | null
  statutory_due_on: string | null
  warning_level: 'none' | 'yellow' | 'red'
  process_instance_id: string | null
  supplement_requested_at: Date | null
  decision: string | null
  decision_reasons: string | null
  decision_legal_basis: string | null
  decision_remedies: string | null
  delivery_method: string | null
  delivery_tracking_number: string | null
  created_at: Date
  updated_at: Date
  submitted_at: Date | null
  accepted_at: Date | null
  decided_at: Date | null
  concluded_at: Date | null
  delivered_at: Date | null
  withdrawn_at: Date | null
}

// Dates come back as text on both engines so a day never shifts with the server's time zone.
const CASE_COLUMNS = `id, number, item_code, item_version, item_name, department_id, division_code, channel, state,
  resume_state, revision, applicant_kind, applicant_account_id, applicant_name_cipher, applicant_name_index,
  applicant_id_number_cipher, applicant_id_number_index, applicant_uscc, applicant_phone_cipher,
  applicant_address_cipher, filed_by_account_id, authorization_note, situation_answers, form_data_cipher, pre_review,
  statutory_limit_days, promised_limit_days, accepted_on::text AS accepted_on, clock_starts_on::text AS clock_starts_on,
  due_on::text AS due_on, statutory_due_on::text AS statutory_due_on, warning_level, process_instance_id,
  supplement_requested_at, decision, decision_reasons, decision_legal_basis, decision_remedies, delivery_method,
  delivery_tracking_number, created_at, updated_at, submitted_at, accepted_at, decided_at, concluded_at, delivered_at,
  withdrawn_at`

export type NewCase = {
  id: string
  number: string
  itemCode: string
  itemVersion: number
  itemName: string
  departmentId: string
  divisionCode: string
  channel: CaseRow['channel']
  state: string
  applicantKind: CaseRow['applicant_kind']
  applicantAccountId: string | null
  applicantNameCipher: string
  applicantNameIndex: string
  applicantIdNumberCipher: string | null
  applicantIdNumberIndex: string | null
  applicantUscc: string | null
  applicantPhoneCipher: string | null
  applicantAddressCipher: string | null
  filedByAccountId: string | null
  authorizationNote: string | null
  situationAnswers: Record<string, unknown>
  formDataCipher: string | null
  now: Date
}

export async function insertCase(tx: Queryable, row: NewCase): Promise<CaseRow> {
  const { rows } = await tx.query<CaseRow>(
    `INSERT INTO cases.cases (id, number, item_code, item_version, item_name, department_id, division_code, channel,
       state, applicant_kind, applicant_account_id, applicant_name_cipher, applicant_name_index,
       applicant_id_number_cipher, applicant_id_number_index, applicant_uscc, applicant_phone_cipher,
       applicant_address_cipher, filed_by_account_id, authorization_note, situation_answers, form_data_cipher,
       created_at, updated_at, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
       $23, $23, CASE WHEN $9 = 'submitted' THEN $23::timestamptz END)
     RETURNING ${CASE_COLUMNS}`,
    [
      row.id,
      row.number,
      row.itemCode,
      row.itemVersion,
      row.itemName,
      row.departmentId,
      row.divisionCode,
      row.channel,
      row.state,
      row.applicantKind,
      row.applicantAccountId,
      row.applicantNameCipher,
      row.applicantNameIndex,
      row.applicantIdNumberCipher,
      row.applicantIdNumberIndex,
      row.applicantUscc,
      row.applicantPhoneCipher,
      row.applicantAddressCipher,
      row.filedByAccountId,
      row.authorizationNote,
      JSON.stringify(row.situationAnswers),
      row.formDataCipher,
      row.now,
    ],
  )
  return rows[0] as CaseRow
}

export async function findCase(q: Queryable, id: string): Promise<CaseRow | undefined> {
  const { rows } = await q.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases.cases WHERE id = $1`, [id])
  return rows[0]
}

/** Locks the case row for the rest of the transaction: a second transition waits here, then sees the first. */
export async function lockCase(tx: Queryable, id: string): Promise<CaseRow | undefined> {
  const { rows } = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases.cases WHERE id = $1 FOR UPDATE`, [id])
  return rows[0]
}

/** Columns a transition may set besides the state; names are checked against this list, values are parameters. */
const UPDATABLE = new Set([
  'resume_state',
  'situation_answers',
  'form_data_cipher',
  'pre_review',
  'statutory_limit_days',
  'promised_limit_days',
  'accepted_on',
  'clock_starts_on',
  'due_on',
  'statutory_due_on',
  'warning_level',
  'process_instance_id',
  'supplement_requested_at',
  'decision',
  'decision_reasons',
  'decision_legal_basis',
  'decision_remedies',
  'delivery_method',
  'delivery_tracking_number',
  'submitted_at',
  'accepted_at',
  'decided_at',
  'concluded_at',
  'delivered_at',
  'withdrawn_at',
])
export type CaseUpdate = Partial<Record<string, unknown>>

export async function updateCase(tx: Queryable, id: string, state: string, changes: CaseUpdate, now: Date) {
  const names = Object.keys(changes)
  for (const name of names) if (!UPDATABLE.has(name)) throw new Error(`cases.cases.${name} is not updatable`)
  const sets = names.map((name, index) => `${name} = $${index + 4}`)
  const values = names.map((name) => {
    const value = changes[name]
    return name === 'situation_answers' || name === 'pre_review' ? JSON.stringify(value) : value
  })
  const { rows } = await tx.query<CaseRow>(
    `UPDATE cases.cases SET state = $2, revision = revision + 1, updated_at = $3${sets.length ? `, ${sets.join(', ')}` : ''}
      WHERE id = $1 RETURNING ${CASE_COLUMNS}`,
    [id, state, now, ...values],
  )
  return rows[0] as CaseRow
}

export type CaseEventRow = {
  id: string
  case_id: string
  at: Date
  actor_id: string | null
  actor_name: string | null
  action: string
  from_state: string | null
  to_state: string
  reason: string | null
  legal_basis: string | null
  detail: Record<string, unknown>
}

export async function insertEvent(
  tx: Queryable,
  event: {
    caseId: string
    at: Date
    actorId: string | null
    actorName: string | null
    action: string
    fromState: string | null
    toState: string
    reason?: string | null
    legalBasis?: string | null
    detail?: Record<string, unknown>
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO cases.case_events (case_id, at, actor_id, actor_name, action, from_state, to_state, reason,
       legal_basis, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      event.caseId,
      event.at,
      event.actorId,
      event.actorName,
      event.action,
      event.fromState,
      event.toState,
      event.reason ?? null,
      event.legalBasis ?? null,
      JSON.stringify(event.detail ?? {}),
    ],
  )
}

export async function listEvents(q: Queryable, caseId: string): Promise<CaseEventRow[]> {
  const { rows } = await q.query<CaseEventRow>('SELECT * FROM cases.case_events WHERE case_id = $1 ORDER BY at, id', [
    caseId,
  ])
  return rows
}

export async function findLastEvent(q: Queryable, caseId: string, action: string): Promise<CaseEventRow | undefined> {
  const { rows } = await q.query<CaseEventRow>(
    'SELECT * FROM cases.case_events WHERE case_id = $1 AND action = $2 ORDER BY at DESC, id DESC LIMIT 1',
    [caseId, action],
  )
  return rows[0]
}

export type PauseRow = {
  id: string
  kind: string
  procedure_kind: string | null
  reason: string
  starts_on: string
  ends_on: string | null
}

export async function listPauses(q: Queryable, caseId: string): Promise<PauseRow[]> {
  const { rows } = await q.query<PauseRow>(
    `SELECT id, kind, procedure_kind, reason, starts_on::text AS starts_on, ends_on::text AS ends_on
       FROM cases.clock_pauses WHERE case_id = $1 ORDER BY starts_on, started_at`,
    [caseId],
  )
  return rows
}

export async function insertPause(
  tx: Queryable,
  pause: {
    caseId: string
    kind: string
    procedureKind: string | null
    reason: string
    startsOn: string
    actorId: string | null
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO cases.clock_pauses (case_id, kind, procedure_kind, reason, starts_on, started_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [pause.caseId, pause.kind, pause.procedureKind, pause.reason, pause.startsOn, pause.actorId],
  )
}

/** Ends the open pause; a pause that would end before it began (resumed the same day) covers no day and goes. */
export async function endOpenPause(tx: Queryable, caseId: string, endsOn: string, actorId: string | null, now: Date) {
  await tx.query(`DELETE FROM cases.clock_pauses WHERE case_id = $1 AND ends_on IS NULL AND starts_on > $2::date`, [
    caseId,
    endsOn,
  ])
  await tx.query(
    `UPDATE cases.clock_pauses SET ends_on = $2, ended_at = $4, ended_by = $3
      WHERE case_id = $1 AND ends_on IS NULL`,
    [caseId, endsOn, actorId, now],
  )
}

export type CaseListFilter =
  | { by: 'applicant'; accountId: string }
  | { by: 'department'; departmentIds: string[] | null; state?: string }

export async function listCases(q: Queryable, filter: CaseListFilter, limit: number): Promise<CaseRow[]> {
  if (filter.by === 'applicant') {
    const { rows } = await q.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM cases.cases
        WHERE applicant_account_id = $1 OR filed_by_account_id = $1
        ORDER BY created_at DESC LIMIT $2`,
      [filter.accountId, limit],
    )
    return rows
  }
  const { rows } = await q.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases.cases
      WHERE state <> 'draft' AND ($1::uuid[] IS NULL OR department_id = ANY($1::uuid[]))
        AND ($2::text IS NULL OR state = $2)
      ORDER BY CASE warning_level WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, due_on NULLS LAST, created_at
      LIMIT $3`,
    [filter.departmentIds, filter.state ?? null, limit],
  )
  return rows
}

export async function countCasesByState(q: Queryable, departmentIds: string[] | null): Promise<Record<string, number>> {
  const { rows } = await q.query<{ state: string; count: number }>(
    `SELECT state, count(*)::int AS count FROM cases.cases
      WHERE state <> 'draft' AND ($1::uuid[] IS NULL OR department_id = ANY($1::uuid[]))
      GROUP BY state`,
    [departmentIds],
  )
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]))
}

export async function listAtRisk(q: Queryable, sort: 'due' | 'level', limit: number): Promise<CaseRow[]> {
  const order =
    sort === 'level'
      ? "CASE warning_level WHEN 'red' THEN 0 ELSE 1 END, due_on, number"
      : "due_on, CASE warning_level WHEN 'red' THEN 0 ELSE 1 END, number"
  const { rows } = await q.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases.cases
      WHERE warning_level <> 'none'
        AND state IN ('accepted', 'under_review', 'supplement_requested', 'special_procedure')
      ORDER BY ${order} LIMIT $1`,
    [limit],
  )
  return rows
}

/** Cases whose clock runs, after `afterId`, for the warning job (keyset pages). */
export async function listRunningClocks(q: Queryable, afterId: string | null, limit: number): Promise<CaseRow[]> {
  const { rows } = await q.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases.cases
      WHERE state IN ('accepted', 'under_review', 'supplement_requested', 'special_procedure')
        AND accepted_on IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
      ORDER BY id LIMIT $2`,
    [afterId, limit],
  )
  return rows
}

export async function setClock(
  q: Queryable,
  id: string,
  clock: { dueOn: string; statutoryDueOn: string | null; warningLevel: string },
): Promise<boolean> {
  const result = await q.query(
    `UPDATE cases.cases SET due_on = $2, statutory_due_on = $3, warning_level = $4
      WHERE id = $1 AND (due_on IS DISTINCT FROM $2::date OR statutory_due_on IS DISTINCT FROM $3::date
        OR warning_level <> $4)`,
    [id, clock.dueOn, clock.statutoryDueOn, clock.warningLevel],
  )
  return result.rowCount > 0
}

export async function findByNumberAndName(q: Queryable, number: string, nameIndex: string) {
  const { rows } = await q.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases.cases WHERE number = $1 AND applicant_name_index = $2 AND state <> 'draft'`,
    [number, nameIndex],
  )
  return rows[0]
}

export async function updateDraft(
  tx: Queryable,
  id: string,
  revision: number,
  changes: { situationAnswers?: Record<string, unknown>; formDataCipher?: string | null },
  now: Date,
): Promise<CaseRow | undefined> {
  const { rows } = await tx.query<CaseRow>(
    `UPDATE cases.cases SET revision = revision + 1, updated_at = $3,
        situation_answers = COALESCE($4::jsonb, situation_answers),
        form_data_cipher = CASE WHEN $5::boolean THEN $6 ELSE form_data_cipher END
      WHERE id = $1 AND revision = $2 RETURNING ${CASE_COLUMNS}`,
    [
      id,
      revision,
      now,
      changes.situationAnswers ? JSON.stringify(changes.situationAnswers) : null,
      changes.formDataCipher !== undefined,
      changes.formDataCipher ?? null,
    ],
  )
  return rows[0]
}

export async function setPreReview(q: Queryable, id: string, checks: unknown[]): Promise<void> {
  await q.query('UPDATE cases.cases SET pre_review = $2 WHERE id = $1', [id, JSON.stringify(checks)])
}

// ——— review opinions and common opinions ———

export type OpinionRow = {
  id: string
  task_id: string | null
  task_name: string | null
  department_id: string
  reviewer_id: string
  reviewer_name: string
  outcome: string
  opinion: string
  created_at: Date
}

export async function insertOpinion(
  tx: Queryable,
  opinion: {
    caseId: string
    taskId: string | null
    taskName: string | null
    departmentId: string
    reviewerId: string
    reviewerName: string
    outcome: string
    opinion: string
    at: Date
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cases.review_opinions (case_id, task_id, task_name, department_id, reviewer_id, reviewer_name,
       outcome, opinion, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      opinion.caseId,
      opinion.taskId,
      opinion.taskName,
      opinion.departmentId,
      opinion.reviewerId,
      opinion.reviewerName,
      opinion.outcome,
      opinion.opinion,
      opinion.at,
    ],
  )
  return (rows[0] as { id: string }).id
}

export async function listOpinions(q: Queryable, caseId: string): Promise<OpinionRow[]> {
  const { rows } = await q.query<OpinionRow>(
    'SELECT * FROM cases.review_opinions WHERE case_id = $1 ORDER BY created_at, id',
    [caseId],
  )
  return rows
}

export type CommonOpinionRow = { id: string; text: string; sort_order: number; department_id: string }

export async function listCommonOpinions(q: Queryable, departmentId: string): Promise<CommonOpinionRow[]> {
  const { rows } = await q.query<CommonOpinionRow>(
    'SELECT id, text, sort_order, department_id FROM cases.common_opinions WHERE department_id = $1 ORDER BY sort_order, text',
    [departmentId],
  )
  return rows
}

export async function insertCommonOpinion(
  q: Queryable,
  input: { departmentId: string; text: string; sortOrder: number; createdBy: string },
): Promise<CommonOpinionRow | undefined> {
  const { rows } = await q.query<CommonOpinionRow>(
    `INSERT INTO cases.common_opinions (department_id, text, sort_order, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (department_id, text) DO NOTHING RETURNING id, text, sort_order, department_id`,
    [input.departmentId, input.text, input.sortOrder, input.createdBy],
  )
  return rows[0]
}

export async function deleteCommonOpinion(q: Queryable, id: string, departmentId: string): Promise<boolean> {
  const result = await q.query('DELETE FROM cases.common_opinions WHERE id = $1 AND department_id = $2', [
    id,
    departmentId,
  ])
  return result.rowCount > 0
}

// ——— item → process ———

export async function findItemProcess(
  q: Queryable,
  itemCode: string,
): Promise<{ processKey: string; variables: Record<string, unknown> } | undefined> {
  const { rows } = await q.query<{ process_key: string; variables: Record<string, unknown> }>(
    'SELECT process_key, variables FROM cases.item_processes WHERE item_code = $1',
    [itemCode],
  )
  const row = rows[0]
  return row && { processKey: row.process_key, variables: row.variables ?? {} }
}

export async function setItemProcess(
  q: Queryable,
  itemCode: string,
  processKey: string,
  variables: Record<string, unknown> = {},
): Promise<void> {
  await q.query(
    `INSERT INTO cases.item_processes (item_code, process_key, variables) VALUES ($1, $2, $3)
     ON CONFLICT (item_code) DO UPDATE SET process_key = EXCLUDED.process_key, variables = EXCLUDED.variables,
       updated_at = now()`,
    [itemCode, processKey, JSON.stringify(variables)],
  )
}
