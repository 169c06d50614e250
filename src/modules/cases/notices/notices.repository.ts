import type { Queryable, Transaction } from '../../../platform/db/index.js'
import type { CaseNoticeKind } from './notice-kinds.js'

export type NoticeRow = {
  id: string
  case_id: string
  kind: CaseNoticeKind
  number: string
  pdf_sm3: string | null
  pdf_bytes: number | null
  page_count: number | null
  issued_by: string | null
  issued_at: Date
}

export type NewNotice = {
  id: string
  caseId: string
  kind: CaseNoticeKind
  number: string
  dataCipher: string
  issuedBy: string | null
  issuedAt: Date
}

const COLUMNS = 'id, case_id, kind, number, pdf_sm3, pdf_bytes, page_count, issued_by, issued_at'

/**
 * The case's number and how many notices of `kind` it has already (the next one's ordinal is that plus one), or
 * undefined when there is no such case.
 */
export async function findCaseForNotice(
  q: Queryable,
  caseId: string,
  kind: CaseNoticeKind,
): Promise<{ number: string; issued: number } | undefined> {
  const { rows } = await q.query<{ number: string; issued: number }>(
    `SELECT c.number,
            (SELECT count(*)::int FROM cases.notices n WHERE n.case_id = c.id AND n.kind = $2) AS issued
       FROM cases.cases c WHERE c.id = $1`,
    [caseId, kind],
  )
  const row = rows[0]
  return row && { number: row.number, issued: Number(row.issued) }
}

/** Queued with the transaction's next statement: nobody reads its result. */
export async function insertNotice(tx: Transaction, notice: NewNotice): Promise<void> {
  await tx.queryLater(
    `INSERT INTO cases.notices (id, case_id, kind, number, data_cipher, issued_by, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [notice.id, notice.caseId, notice.kind, notice.number, notice.dataCipher, notice.issuedBy, notice.issuedAt],
  )
}

/** Stores the drawn PDF unless another process stored it first (true when this call stored it). */
export async function storeRendering(
  q: Queryable,
  noticeId: string,
  rendering: { pdfCipher: string; pdfSm3: string; pdfBytes: number; pageCount: number; at: Date },
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE cases.notices SET pdf_cipher = $2, pdf_sm3 = $3, pdf_bytes = $4, page_count = $5, rendered_at = $6
      WHERE id = $1 AND pdf_cipher IS NULL`,
    [noticeId, rendering.pdfCipher, rendering.pdfSm3, rendering.pdfBytes, rendering.pageCount, rendering.at],
  )
  return rowCount > 0
}

export type NoticeWithCiphers = NoticeRow & { data_cipher: string; pdf_cipher: string | null }

export async function findNoticeById(q: Queryable, noticeId: string): Promise<NoticeWithCiphers | undefined> {
  const { rows } = await q.query<NoticeWithCiphers>(
    `SELECT ${COLUMNS}, data_cipher, pdf_cipher FROM cases.notices WHERE id = $1`,
    [noticeId],
  )
  return rows[0]
}

export async function listNotices(q: Queryable, caseId: string): Promise<NoticeRow[]> {
  const { rows } = await q.query<NoticeRow>(
    `SELECT ${COLUMNS} FROM cases.notices WHERE case_id = $1 ORDER BY issued_at, number`,
    [caseId],
  )
  return rows
}

export async function findNoticeWithCiphers(
  q: Queryable,
  caseId: string,
  noticeId: string,
): Promise<NoticeWithCiphers | undefined> {
  const { rows } = await q.query<NoticeWithCiphers>(
    `SELECT ${COLUMNS}, data_cipher, pdf_cipher FROM cases.notices WHERE id = $1 AND case_id = $2`,
    [noticeId, caseId],
  )
  return rows[0]
}
