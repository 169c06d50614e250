import { buildQrPng, createPdfDocument, PdfFont } from '../../../platform/pdf/index.js'
import type {
  AcceptanceNoticeData,
  CaseNoticeContent,
  DenialNoticeData,
  GrantNoticeData,
  NonAcceptanceNoticeData,
  NoticeRemedies,
  ReceiptNoticeData,
  SupplementNoticeData,
} from './notice-data.js'
import { CASE_NOTICE_TITLES, DEFAULT_LEGAL_BASIS } from './notice-kinds.js'
import { NOTICE_BODY_LIMIT_Y, NOTICE_ISSUER_BLOCK, NOTICE_PAGE, NOTICE_QR_BOX } from './notice-layout.js'

/** What a notice is drawn from: its content plus the facts the issuing gave it (number, moment, status link). */
export type NoticeToRender = CaseNoticeContent & {
  number: string
  /** ISO timestamp: printed as the notice's date and written as the PDF's creation date. */
  issuedAt: string
  /** The case's public status page, printed as a QR code. */
  statusUrl: string
}

const RED = '#b71c1c'
const TEXT = '#111'
const MUTED = '#555'
const BODY_WIDTH = NOTICE_PAGE.width - 2 * NOTICE_PAGE.marginX

/** The public status page of a case; the page asks for the applicant's name before it shows anything. */
export function buildCaseStatusUrl(publicUrl: string, caseNumber: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/cases/status?number=${encodeURIComponent(caseNumber)}`
}

/** `2026年12月8日`, the day in China, as 文书 print dates. */
export function formatChineseDate(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(iso.length === 10 ? `${iso}T12:00:00+08:00` : iso))
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0)
  return `${part('year')}年${part('month')}月${part('day')}日`
}

function remediesText(remedies: NoticeRemedies): string {
  return (
    `如不服本决定，可以自收到本决定书之日起六十日内向${remedies.reconsiderationBody}申请行政复议，` +
    `或者自收到本决定书之日起六个月内向${remedies.court}提起行政诉讼。`
  )
}

type Writer = {
  paragraph(text: string, options?: { indent?: boolean; bold?: boolean; size?: number; color?: string }): void
  heading(text: string): void
  numbered(items: readonly string[]): void
}

function createWriter(doc: PDFKit.PDFDocument): Writer {
  const x = NOTICE_PAGE.marginX
  return {
    paragraph(text, { indent = true, bold = false, size = 12, color = TEXT } = {}) {
      doc
        .font(bold ? PdfFont.bold : PdfFont.regular)
        .fontSize(size)
        .fillColor(color)
        // Two full-width spaces open a paragraph in Chinese official writing.
        .text(`${indent ? '\u3000\u3000' : ''}${text}`, x, doc.y, { width: BODY_WIDTH, lineGap: 6 })
      doc.moveDown(0.3)
    },
    heading(text) {
      doc.moveDown(0.2).font(PdfFont.bold).fontSize(12).fillColor(TEXT).text(text, x, doc.y, { width: BODY_WIDTH })
      doc.moveDown(0.3)
    },
    numbered(items) {
      items.forEach((item, index) => {
        doc
          .font(PdfFont.regular)
          .fontSize(12)
          .fillColor(TEXT)
          .text(`${index + 1}. ${item}`, x + 24, doc.y, { width: BODY_WIDTH - 24, lineGap: 4 })
      })
      doc.moveDown(0.3)
    },
  }
}

function drawHeader(doc: PDFKit.PDFDocument, notice: NoticeToRender, qr: Buffer): void {
  const x = NOTICE_PAGE.marginX
  doc
    .font(PdfFont.bold)
    .fontSize(18)
    .fillColor(RED)
    .text(notice.data.departmentName, x, NOTICE_PAGE.marginTop, { width: BODY_WIDTH, align: 'center' })
  doc.moveDown(0.2).fontSize(22).fillColor(TEXT).text(CASE_NOTICE_TITLES[notice.kind], { align: 'center' })
  doc.moveDown(0.1).font(PdfFont.regular).fontSize(11).fillColor(MUTED).text(notice.number, { align: 'center' })
  const ruleY = doc.y + 4
  doc
    .moveTo(x, ruleY)
    .lineTo(x + BODY_WIDTH, ruleY)
    .lineWidth(1.5)
    .strokeColor(RED)
    .stroke()

  doc.image(qr, NOTICE_QR_BOX.x, NOTICE_QR_BOX.y, { width: NOTICE_QR_BOX.width, height: NOTICE_QR_BOX.height })
  doc
    .font(PdfFont.regular)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text('扫码查询办理进度', NOTICE_QR_BOX.x, NOTICE_QR_BOX.y + NOTICE_QR_BOX.height + 2, {
      width: NOTICE_QR_BOX.width,
      align: 'center',
    })
  const facts: Array<[string, string]> = [
    ['办件编号', notice.data.caseNumber],
    ['文书编号', notice.number],
    ['申请事项', notice.data.itemName],
    ['申请人', notice.data.applicantName],
    ['申请日期', formatChineseDate(notice.data.submittedAt)],
  ]
  doc.y = NOTICE_QR_BOX.y + 4
  for (const [label, value] of facts) {
    doc
      .font(PdfFont.regular)
      .fontSize(10.5)
      .fillColor(TEXT)
      .text(`${label}：${value}`, x, doc.y, { width: NOTICE_QR_BOX.x - x - 16, lineGap: 3 })
  }
  doc.y = Math.max(doc.y, NOTICE_QR_BOX.y + NOTICE_QR_BOX.height + 14) + 12
  doc.x = x
}

function drawReceipt(doc: PDFKit.PDFDocument, write: Writer, data: ReceiptNoticeData): void {
  write.paragraph(`${data.applicantName}：`, { indent: false })
  if (data.materials.length === 0) {
    write.paragraph(
      `本机关于${formatChineseDate(data.submittedAt)}收到您办理“${data.itemName}”的申请，本次申请未随附材料。`,
    )
  } else {
    write.paragraph(
      `本机关于${formatChineseDate(data.submittedAt)}收到您申请办理“${data.itemName}”提交的下列材料` +
        `（共 ${data.materials.length} 项，${data.materials.reduce((sum, material) => sum + material.count, 0)} 份）：`,
    )
    drawMaterialTable(doc, data.materials)
  }
  write.paragraph(`收件人：${data.receivedBy}`, { indent: false })
  write.paragraph(
    '本凭证仅证明本机关已收到上述申请，不表示申请已被受理。本机关将依照《中华人民共和国行政许可法》第三十二条的规定，' +
      '对申请材料进行审查并作出是否受理的决定；申请材料不齐全或者不符合法定形式的，将在五日内一次告知需要补正的全部内容。',
    { size: 10.5, color: MUTED },
  )
}

function drawMaterialTable(doc: PDFKit.PDFDocument, materials: ReceiptNoticeData['materials']): void {
  const x = NOTICE_PAGE.marginX
  const columns = [
    { title: '序号', width: 40 },
    { title: '材料名称', width: BODY_WIDTH - 40 - 80 - 60 },
    { title: '形式', width: 80 },
    { title: '份数', width: 60 },
  ]
  const drawRow = (cells: string[], bold: boolean) => {
    const top = doc.y
    let left = x
    let bottom = top
    cells.forEach((cell, index) => {
      const width = columns[index]?.width ?? 60
      doc
        .font(bold ? PdfFont.bold : PdfFont.regular)
        .fontSize(11)
        .fillColor(TEXT)
        .text(cell, left + 4, top + 4, { width: width - 8 })
      bottom = Math.max(bottom, doc.y + 4)
      left += width
    })
    doc
      .rect(x, top, BODY_WIDTH, bottom - top)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke()
    doc.y = bottom
  }
  drawRow(
    columns.map((column) => column.title),
    true,
  )
  materials.forEach((material, index) => {
    drawRow([String(index + 1), material.name, material.form ?? '—', String(material.count)], false)
  })
  doc.x = x
  doc.moveDown(0.6)
}

function drawAcceptance(write: Writer, data: AcceptanceNoticeData): void {
  write.paragraph(`${data.applicantName}：`, { indent: false })
  write.paragraph(
    `您于${formatChineseDate(data.submittedAt)}提出的“${data.itemName}”申请，经审查，申请事项属于本机关职权范围，` +
      `申请材料齐全、符合法定形式。根据${data.legalBasis ?? DEFAULT_LEGAL_BASIS.acceptance}的规定，` +
      `本机关决定自${formatChineseDate(data.acceptedOn)}起予以受理。`,
  )
  if (data.dueOn) {
    write.paragraph(
      `本机关承诺${data.promisedDays !== undefined ? `在 ${data.promisedDays} 个工作日内（` : '于'}` +
        `${formatChineseDate(data.dueOn)}前${data.promisedDays !== undefined ? '）' : ''}作出决定。` +
        '依法需要听证、检验、检测、鉴定和专家评审的，所需时间不计算在上述期限内，本机关将另行书面告知。',
    )
  }
  write.paragraph('请凭办件编号查询办理进度。如有疑问，请与本机关联系。')
}

function drawNonAcceptance(write: Writer, data: NonAcceptanceNoticeData): void {
  write.paragraph(`${data.applicantName}：`, { indent: false })
  write.paragraph(
    `您于${formatChineseDate(data.submittedAt)}提出的“${data.itemName}”申请，经审查，本机关决定不予受理。`,
  )
  write.heading('不予受理的理由')
  write.paragraph(data.reason)
  write.heading('法律依据')
  write.paragraph(data.legalBasis)
  write.heading('救济途径')
  write.paragraph(remediesText(data.remedies))
}

function drawSupplement(write: Writer, data: SupplementNoticeData): void {
  write.paragraph(`${data.applicantName}：`, { indent: false })
  write.paragraph(
    `您于${formatChineseDate(data.submittedAt)}提出的“${data.itemName}”申请，经审查，申请材料不齐全或者不符合法定形式。` +
      `根据${data.legalBasis ?? DEFAULT_LEGAL_BASIS.supplement}的规定，现一次性告知您需要补正的全部内容` +
      `（共 ${data.materials.length} 项）：`,
  )
  write.numbered(data.materials.map((material) => `${material.name}：${material.requirement}`))
  if (data.note) write.paragraph(data.note)
  write.paragraph(
    '请按上述要求补正后重新提交。补正期间办理时限暂停计算，自收到全部补正材料之日起恢复计算。' +
      '本次告知为一次性告知，本机关不再要求补正上述清单以外的材料。',
  )
}

function drawGrant(write: Writer, data: GrantNoticeData): void {
  write.paragraph(`${data.applicantName}：`, { indent: false })
  write.paragraph(
    `您于${formatChineseDate(data.submittedAt)}提出的“${data.itemName}”申请，经审查，符合法定条件、标准。` +
      `根据${data.legalBasis ?? DEFAULT_LEGAL_BASIS.grant}的规定，本机关决定准予行政许可，` +
      `于${formatChineseDate(data.decidedOn)}作出本决定。许可结果：${data.result}。`,
  )
  write.paragraph(
    data.deliveryNote ??
      '根据《中华人民共和国行政许可法》第四十四条的规定，本机关将自作出决定之日起十日内向您颁发、送达行政许可证件。',
  )
}

function drawDenial(write: Writer, data: DenialNoticeData): void {
  write.paragraph(`${data.applicantName}：`, { indent: false })
  write.paragraph(
    `您于${formatChineseDate(data.submittedAt)}提出的“${data.itemName}”申请，经审查，不符合法定条件、标准。` +
      `本机关于${formatChineseDate(data.decidedOn)}决定不予行政许可。`,
  )
  write.heading('不予许可的理由')
  write.paragraph(data.reasons)
  write.heading('法律依据')
  write.paragraph(`${data.legalBasis}；${DEFAULT_LEGAL_BASIS.denial}。`)
  write.heading('救济途径')
  write.paragraph(remediesText(data.remedies))
}

function drawIssuerBlock(doc: PDFKit.PDFDocument, notice: NoticeToRender): void {
  // The issuer block sits at a fixed place on the last page, so a seal can be pressed there by coordinates alone.
  if (doc.y > NOTICE_BODY_LIMIT_Y) doc.addPage()
  const { x, y, width, lineHeight } = NOTICE_ISSUER_BLOCK
  doc.font(PdfFont.regular).fontSize(12).fillColor(TEXT)
  doc.text(notice.data.departmentName, x, y, { width, align: 'right', lineBreak: false })
  doc.text(formatChineseDate(notice.issuedAt), x, y + lineHeight, { width, align: 'right', lineBreak: false })
  doc
    .font(PdfFont.regular)
    .fontSize(8)
    .fillColor(MUTED)
    .text(
      '本文书依据办件记录生成；扫描二维码或凭办件编号和申请人姓名查询办理进度。',
      NOTICE_PAGE.marginX,
      NOTICE_PAGE.height - 70,
      { width: BODY_WIDTH, align: 'center', lineBreak: false },
    )
}

/**
 * The notice as an A4 PDF. Deterministic: the same notice gives the same bytes (the creation date is the issue
 * moment, the QR code and font subset depend on the text only), so the stored SM3 digest can be checked by
 * rendering again.
 */
export async function renderCaseNoticePdf(notice: NoticeToRender): Promise<{ pdf: Buffer; pageCount: number }> {
  const qr = await buildQrPng(notice.statusUrl)
  const { doc, done } = createPdfDocument({
    size: NOTICE_PAGE.size,
    margins: { top: NOTICE_PAGE.marginTop, bottom: 50, left: NOTICE_PAGE.marginX, right: NOTICE_PAGE.marginX },
    createdAt: new Date(notice.issuedAt),
    info: {
      Title: `${CASE_NOTICE_TITLES[notice.kind]} ${notice.number}`,
      Author: notice.data.departmentName,
      Subject: notice.data.itemName,
      Creator: 'Tongban',
    },
  })
  let pageCount = 1
  doc.on('pageAdded', () => {
    pageCount++
  })
  drawHeader(doc, notice, qr)
  const write = createWriter(doc)
  switch (notice.kind) {
    case 'receipt':
      drawReceipt(doc, write, notice.data)
      break
    case 'acceptance':
      drawAcceptance(write, notice.data)
      break
    case 'non_acceptance':
      drawNonAcceptance(write, notice.data)
      break
    case 'supplement':
      drawSupplement(write, notice.data)
      break
    case 'grant':
      drawGrant(write, notice.data)
      break
    case 'denial':
      drawDenial(write, notice.data)
      break
  }
  drawIssuerBlock(doc, notice)
  doc.end()
  return { pdf: await done, pageCount }
}
