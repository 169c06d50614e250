import type { Db } from '../../platform/db/index.js'
import type { IdentityService } from '../identity/index.js'
import { catalogErrors } from './catalog.errors.js'
import * as repo from './catalog.repository.js'
import type { OneTimeNotice, OneTimeNoticeContent, PublishedItem, SituationAnswers } from './catalog.schemas.js'
import { renderNoticePdf } from './notice-pdf.js'
import { buildOneTimeNotice } from './one-time-notice.js'

/** `CS-GZ-20261125-000123`: prefix, the issuing day in China, and a running number (never reused). */
export function formatNoticeNumber(prefix: string, issuedAt: Date, sequence: number): string {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(issuedAt)
    .replaceAll('-', '')
  return `${prefix}-${day}-${String(sequence).padStart(6, '0')}`
}

const NOTICE_NUMBER = /^[A-Z0-9-]{1,20}-\d{8}-\d{6,}$/

/** Issues, stores and reopens one-time notices, and renders them as PDF. */
export function createNoticeIssuing({
  db,
  publicUrl,
  noticePrefix,
  identity,
  getPublished,
}: {
  db: Db
  publicUrl: string
  noticePrefix: string
  identity: Pick<IdentityService, 'getDepartmentDirectory'>
  getPublished: (code: string) => Promise<PublishedItem>
}) {
  const base = publicUrl.replace(/\/+$/, '')

  function toNotice(number: string, issuedAt: Date, content: OneTimeNoticeContent): OneTimeNotice {
    return {
      number,
      issuedAt: issuedAt.toISOString(),
      url: `${base}/notices/${encodeURIComponent(number)}`,
      pdfUrl: `${base}/api/catalog/notices/${encodeURIComponent(number)}.pdf`,
      notice: content,
    }
  }

  /** The notice for these answers on the published guide, not stored. Throws CATALOG_ANSWERS_INVALID (400). */
  async function previewNotice(code: string, answers: SituationAnswers): Promise<OneTimeNoticeContent> {
    const item = await getPublished(code)
    return buildOneTimeNotice(item.guide, answers, { itemVersion: item.version, departmentName: item.departmentName })
  }

  /** Builds, numbers and stores a notice for the published guide. Throws CATALOG_ANSWERS_INVALID (400). */
  async function issueNotice(code: string, answers: SituationAnswers): Promise<OneTimeNotice> {
    const item = await getPublished(code)
    const content = buildOneTimeNotice(item.guide, answers, {
      itemVersion: item.version,
      departmentName: item.departmentName,
    })
    const issuedAt = new Date()
    const number = await db.transaction(async (tx) => {
      const next = formatNoticeNumber(noticePrefix, issuedAt, await repo.nextNoticeSequence(tx))
      await repo.insertNotice(tx, { number: next, code, version: item.version, answers, content, issuedAt })
      return next
    })
    return toNotice(number, issuedAt, content)
  }

  /** Reopens a stored notice. Throws CATALOG_NOTICE_NOT_FOUND (404). */
  async function getNotice(number: string): Promise<OneTimeNotice> {
    if (!NOTICE_NUMBER.test(number)) throw catalogErrors.noticeNotFound(number)
    const row = await repo.findNotice(db, number)
    if (!row) throw catalogErrors.noticeNotFound(number)
    return toNotice(row.number, row.issued_at, row.content as OneTimeNoticeContent)
  }

  async function centreName(): Promise<string> {
    const { division } = await identity.getDepartmentDirectory()
    return division.name ? `${division.name}政务服务中心` : '政务服务中心'
  }

  async function renderPdf(number: string): Promise<Buffer> {
    return renderNoticePdf(await getNotice(number), await centreName())
  }

  return { previewNotice, issueNotice, getNotice, renderNoticePdf: renderPdf }
}
