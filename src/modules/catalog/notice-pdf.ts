import { buildQrPng, createPdfDocument } from '../../platform/pdf/index.js'
import {
  MATERIAL_FORM_LABELS,
  MATERIAL_MEDIUM_LABELS,
  MATERIAL_SOURCE_LABELS,
  ONLINE_DEPTH_LABELS,
  type OneTimeNotice,
} from './catalog.schemas.js'

/** The QR code that reopens the notice, as a PNG (also used by tests to decode it back). */
export const buildNoticeQrPng: (url: string) => Promise<Buffer> = buildQrPng

function describeTimeLimit(notice: OneTimeNotice['notice']): string {
  const limit = notice.timeLimit
  if (limit.kind === 'instant') return '即办件（当场办结）'
  return `承诺件：承诺 ${limit.promisedDays} 个工作日办结（法定 ${limit.statutoryDays} 个工作日）`
}

function describeFee(notice: OneTimeNotice['notice']): string {
  if (notice.fee.kind === 'free') return '不收费'
  return notice.fee.items
    .map((item) => `${item.name}：${item.amountYuan > 0 ? `${item.amountYuan} 元` : (item.standard ?? '按标准收取')}`)
    .join('；')
}

/** A printable A4 one-time notice: the centre's header, the notice number, every material, and a QR code. */
export async function renderNoticePdf(notice: OneTimeNotice, centreName: string): Promise<Buffer> {
  const qr = await buildNoticeQrPng(notice.url)
  const { doc, done } = createPdfDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 56, right: 56 },
    info: { Title: `一次性告知单 ${notice.number}`, Author: centreName, Subject: notice.notice.itemName },
  })

  const width = doc.page.width - 112
  doc.font('bold').fontSize(13).fillColor('#b71c1c').text(centreName, { align: 'center' })
  doc.moveDown(0.2).fontSize(20).fillColor('#000').text('一次性告知单', { align: 'center' })
  doc
    .moveTo(56, doc.y + 6)
    .lineTo(56 + width, doc.y + 6)
    .lineWidth(1.5)
    .strokeColor('#b71c1c')
    .stroke()
  doc.moveDown(1)

  const top = doc.y
  doc.image(qr, 56 + width - 96, top, { width: 96 })
  doc.font('regular').fontSize(10).fillColor('#333')
  doc.text(`告知单编号：${notice.number}`, 56, top, { width: width - 110 })
  doc.text(`事项名称：${notice.notice.itemName}`, { width: width - 110 })
  doc.text(`事项编码：${notice.notice.itemCode}（第 ${notice.notice.itemVersion} 版）`, { width: width - 110 })
  doc.text(`实施部门：${notice.notice.departmentName}`, { width: width - 110 })
  doc.text(`出具时间：${new Date(notice.issuedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`, {
    width: width - 110,
  })
  doc
    .fontSize(8)
    .fillColor('#666')
    .text('扫描右侧二维码可重新打开本告知单', { width: width - 110 })
  doc.y = Math.max(doc.y, top + 104)
  doc.x = 56

  const heading = (text: string) => {
    doc.moveDown(0.6).font('bold').fontSize(12).fillColor('#000').text(text, 56, doc.y, { width })
    doc.moveDown(0.2).font('regular').fontSize(10).fillColor('#222')
  }

  if (notice.notice.answers.length > 0) {
    heading('一、您的情形')
    for (const answer of notice.notice.answers) doc.text(`${answer.question}  ${answer.answer}`, { width })
  }
  heading(`${notice.notice.answers.length > 0 ? '二' : '一'}、需提交的材料（共 ${notice.notice.materials.length} 项）`)
  notice.notice.materials.forEach((material, index) => {
    const detail = [
      MATERIAL_FORM_LABELS[material.form],
      `${material.count} 份`,
      MATERIAL_MEDIUM_LABELS[material.medium],
      MATERIAL_SOURCE_LABELS[material.source],
    ].join('，')
    doc.font('bold').text(`${index + 1}. ${material.name}`, { width, continued: false })
    doc
      .font('regular')
      .fillColor('#444')
      .text(`   ${detail}${material.notes ? `；${material.notes}` : ''}`, { width })
    doc.fillColor('#222')
  })
  if (notice.notice.conditions.length > 0) {
    heading('受理条件')
    for (const [index, condition] of notice.notice.conditions.entries())
      doc.text(`${index + 1}. ${condition.text}`, { width })
  }
  heading('办理须知')
  doc.text(`办理时限：${describeTimeLimit(notice.notice)}`, { width })
  doc.text(`收费标准：${describeFee(notice.notice)}`, { width })
  doc.text(`网办深度：${ONLINE_DEPTH_LABELS[notice.notice.onlineDepth]}；最多跑 ${notice.notice.maxVisits} 次`, {
    width,
  })
  for (const location of notice.notice.locations)
    doc.text(
      `办理地点：${location.name}，${location.address}${location.window ? `，${location.window}` : ''}；${location.hours}`,
      {
        width,
      },
    )
  doc.text(`咨询电话：${notice.notice.consultationPhone}`, { width })
  for (const note of notice.notice.notes) doc.text(`提示：${note}`, { width })

  doc.moveDown(1).fontSize(8).fillColor('#666')
  doc.text('本告知单依据您选择的情形一次性告知所需材料；材料齐全、符合法定形式的，窗口当场受理。', { width })
  doc.end()
  return done
}
