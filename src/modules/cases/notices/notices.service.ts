import { randomUUID } from 'node:crypto'
import { type CipherBinding, type FieldCipher, sm3Hex } from '../../../platform/crypto/index.js'
import type { Db, Queryable, Transaction } from '../../../platform/db/index.js'
import { type Clock, type JobQueue, systemClock } from '../../../platform/jobs/index.js'
import type { Actor } from '../../identity/index.js'
import { loadCaseForActor } from '../case-access.js'
import { casesErrors } from '../cases.errors.js'
import type { CaseNoticeContent, CaseNoticeData } from './notice-data.js'
import { noticeErrors } from './notice-errors.js'
import { CASE_NOTICE_TITLES, CaseNoticeKind, formatCaseNoticeNumber } from './notice-kinds.js'
import { buildCaseStatusUrl, type NoticeToRender, renderCaseNoticePdf } from './notice-pdf.js'
import * as repo from './notices.repository.js'

/** What the caller of `issueCaseNotice` gives: the case, the kind with its facts, and who issues it. */
export type IssueCaseNoticeInput = { caseId: string } & CaseNoticeContent & {
    /** The account issuing it (the clerk or reviewer); null or absent for the system. */
    issuedBy?: string | null
    /** Defaults to now; tests and the demo seed pass a fixed moment. */
    issuedAt?: Date
  }

/** A notice as the case's pages list it. */
export type CaseNoticeSummary = {
  id: string
  kind: CaseNoticeKind
  title: string
  number: string
  issuedAt: string
  /** Null until the PDF is drawn (moments after issuing). */
  sizeBytes: number | null
  sm3: string | null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_TEXT = 4000

// Table, column and row are sealed into each ciphertext (ADR 0017): these names are stored data, never rename.
function bindNotice(noticeId: string, column: 'data_cipher' | 'pdf_cipher'): CipherBinding {
  return { table: 'cases.notices', column, rowId: noticeId }
}

function requireText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) throw noticeErrors.dataInvalid(what)
}

function requireDate(value: unknown, what: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw noticeErrors.dataInvalid(what)
}

/** Refuses a notice that would print with a blank where the law asks for a reason, a basis or a remedy. */
function checkContent(content: CaseNoticeContent): void {
  const { data } = content
  requireText(data.departmentName, '作出决定的部门')
  requireText(data.applicantName, '申请人')
  requireText(data.itemName, '事项名称')
  requireDate(data.submittedAt, '申请日期')
  switch (content.kind) {
    case 'receipt':
      for (const material of content.data.materials) {
        requireText(material.name, '材料名称')
        if (!Number.isInteger(material.count) || material.count < 1) throw noticeErrors.dataInvalid('材料份数')
      }
      requireText(content.data.receivedBy, '收件人')
      break
    case 'acceptance':
      requireDate(content.data.acceptedOn, '受理日期')
      if (content.data.dueOn !== undefined) requireDate(content.data.dueOn, '承诺办结日期')
      break
    case 'supplement':
      if (content.data.materials.length === 0) throw noticeErrors.dataInvalid('需要补正的材料')
      for (const material of content.data.materials) {
        requireText(material.name, '补正材料名称')
        requireText(material.requirement, '补正要求')
      }
      break
    case 'grant':
      requireDate(content.data.decidedOn, '决定日期')
      requireText(content.data.result, '许可结果')
      break
    case 'non_acceptance':
      requireText(content.data.reason, '不予受理的理由')
      requireText(content.data.legalBasis, '法律依据')
      requireText(content.data.remedies?.reconsiderationBody, '行政复议机关')
      requireText(content.data.remedies?.court, '人民法院')
      break
    case 'denial':
      requireDate(content.data.decidedOn, '决定日期')
      requireText(content.data.reasons, '不予许可的理由')
      requireText(content.data.legalBasis, '法律依据')
      requireText(content.data.remedies?.reconsiderationBody, '行政复议机关')
      requireText(content.data.remedies?.court, '人民法院')
      break
  }
}

function toSummary(row: repo.NoticeRow): CaseNoticeSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: CASE_NOTICE_TITLES[row.kind],
    number: row.number,
    issuedAt: row.issued_at.toISOString(),
    sizeBytes: row.pdf_bytes,
    sm3: row.pdf_sm3,
  }
}

/** The job that draws a notice's PDF once the issuing transaction has committed. Stored: never rename. */
export const NOTICE_RENDER_JOB = 'cases.notice.render'

/**
 * Case notices (文书): issued inside the caller's transaction (number and facts, encrypted), drawn as PDF right
 * after it commits, stored as SM4 ciphertext bound to their row with the SM3 of the PDF, and downloaded only by
 * those who may see the case (ADR 0023).
 */
export function createCaseNotices({
  db,
  cipher,
  publicUrl,
  jobs,
  clock = systemClock,
}: {
  db: Db
  cipher: Pick<FieldCipher, 'encrypt' | 'decrypt'>
  publicUrl: string
  jobs: Pick<JobQueue, 'schedule' | 'registerLeased'>
  clock?: Clock
}) {
  /**
   * Numbers the notice and stores its facts inside `tx`, so a transition and its notice commit or roll back
   * together; the PDF is drawn from those facts after the commit (a job, or the first download), because drawing
   * takes a tenth of a second of CPU that no transaction should hold its locks for. Throws CASE_NOT_FOUND (404) for
   * a missing case and CASE_NOTICE_DATA_INVALID (400) for missing facts.
   */
  async function issueCaseNotice(
    tx: Transaction,
    input: IssueCaseNoticeInput,
  ): Promise<{ noticeId: string; number: string }> {
    if (!UUID.test(input.caseId)) throw casesErrors.caseNotFound()
    const found = await repo.findCaseForNotice(tx, input.caseId, input.kind)
    if (!found) throw casesErrors.caseNotFound()
    const caseNumber = found.number
    // The case row is the truth for its number, whatever the caller copied into the data.
    const content = { kind: input.kind, data: { ...input.data, caseNumber } } as CaseNoticeContent
    checkContent(content)
    const number = formatCaseNoticeNumber(caseNumber, input.kind, found.issued + 1)
    // Whole seconds: the PDF's creation date holds no more, and every drawing must give the same bytes.
    const issuedAt = new Date(Math.floor((input.issuedAt ?? clock.now()).getTime() / 1000) * 1000)
    const stored: NoticeToRender = {
      ...content,
      number,
      issuedAt: issuedAt.toISOString(),
      statusUrl: buildCaseStatusUrl(publicUrl, caseNumber),
    }
    const noticeId = randomUUID()
    await repo.insertNotice(tx, {
      id: noticeId,
      caseId: input.caseId,
      kind: input.kind,
      number,
      dataCipher: cipher.encrypt(JSON.stringify(stored), bindNotice(noticeId, 'data_cipher')),
      issuedBy: input.issuedBy ?? null,
      issuedAt,
    })
    // A receipt comes with every submission and is drawn when first opened; the notices that will be sealed are
    // drawn at once, so their SM3 is fixed within moments of issuing.
    if (input.kind !== CaseNoticeKind.receipt) {
      await jobs.schedule(tx, {
        kind: NOTICE_RENDER_JOB,
        payload: { noticeId },
        key: `${NOTICE_RENDER_JOB}:${noticeId}`,
      })
    }
    return { noticeId, number }
  }

  function openStored(row: repo.NoticeWithCiphers): NoticeToRender {
    return JSON.parse(cipher.decrypt(row.data_cipher, bindNotice(row.id, 'data_cipher'))) as NoticeToRender
  }

  /** Draws the notice from its stored facts and stores the PDF, unless it is stored already; returns the PDF. */
  async function renderAndStore(row: repo.NoticeWithCiphers): Promise<{ pdf: Buffer; sm3: string }> {
    if (row.pdf_cipher && row.pdf_sm3) {
      return {
        pdf: Buffer.from(cipher.decrypt(row.pdf_cipher, bindNotice(row.id, 'pdf_cipher')), 'base64'),
        sm3: row.pdf_sm3,
      }
    }
    const { pdf, pageCount } = await renderCaseNoticePdf(openStored(row))
    const sm3 = sm3Hex(pdf)
    const stored = await db.transaction((tx) =>
      repo.storeRendering(tx, row.id, {
        pdfCipher: cipher.encrypt(pdf.toString('base64'), bindNotice(row.id, 'pdf_cipher')),
        pdfSm3: sm3,
        pdfBytes: pdf.length,
        pageCount,
        at: clock.now(),
      }),
    )
    if (stored) return { pdf, sm3 }
    // Another process stored it meanwhile: serve what is stored (the same bytes, unless the renderer changed).
    const again = await repo.findNoticeById(db, row.id)
    if (!again?.pdf_cipher || !again.pdf_sm3) throw noticeErrors.noticeNotFound()
    return renderAndStore(again)
  }

  /** Registers the job that draws issued notices (once, at start-up). */
  function installNoticeRendering(): void {
    jobs.registerLeased(
      NOTICE_RENDER_JOB,
      {
        work: async (job) => {
          const { noticeId } = job.payload as { noticeId: string }
          const row = await repo.findNoticeById(db, noticeId)
          if (row) await renderAndStore(row)
        },
      },
      { leaseMs: 5 * 60_000 },
    )
  }

  /** The notices of a case the actor may see, oldest first. Throws CASE_NOT_FOUND (404). */
  async function listCaseNotices(actor: Actor, caseId: string): Promise<CaseNoticeSummary[]> {
    await loadCaseForActor(db, caseId, actor)
    return (await repo.listNotices(db, caseId)).map(toSummary)
  }

  /** The PDF of one notice, for the actor who may see its case. Throws CASE_NOT_FOUND / CASE_NOTICE_NOT_FOUND (404). */
  async function getCaseNoticePdf(
    actor: Actor,
    caseId: string,
    noticeId: string,
  ): Promise<{ fileName: string; content: Buffer; sm3: string }> {
    await loadCaseForActor(db, caseId, actor)
    if (!UUID.test(noticeId)) throw noticeErrors.noticeNotFound()
    const row = await repo.findNoticeWithCiphers(db, caseId, noticeId)
    if (!row) throw noticeErrors.noticeNotFound()
    const { pdf, sm3 } = await renderAndStore(row)
    return { fileName: `${CASE_NOTICE_TITLES[row.kind]}-${row.number}.pdf`, content: pdf, sm3 }
  }

  /**
   * Draws a stored notice again from its stored facts and tells whether the bytes match the stored SM3 (they do
   * unless the renderer changed since it was drawn). For sealing and for checks; no access control: callers decide.
   */
  async function rebuildCaseNoticePdf(
    q: Queryable,
    noticeId: string,
  ): Promise<{ pdf: Buffer; matchesStored: boolean }> {
    const row = UUID.test(noticeId) ? await repo.findNoticeById(q, noticeId) : undefined
    if (!row) throw noticeErrors.noticeNotFound()
    const { pdf } = await renderCaseNoticePdf(openStored(row))
    return { pdf, matchesStored: sm3Hex(pdf) === row.pdf_sm3 }
  }

  return { issueCaseNotice, installNoticeRendering, listCaseNotices, getCaseNoticePdf, rebuildCaseNoticePdf }
}

export type CaseNotices = ReturnType<typeof createCaseNotices>
export type { CaseNoticeData }
