// Writes the demo blank forms and samples into src/web/public/forms (run by hand when DEMO_FORMS changes):
//   npx tsx src/modules/catalog/demo/build-demo-forms.ts
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import PDFDocument from 'pdfkit'
import { DEMO_FORMS, type DemoForm } from './demo-forms.js'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
const outDir = path.join(rootDir, 'src', 'web', 'public', 'forms')
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts')
const regular = readFileSync(path.join(fontDir, 'NotoSansHans-Regular.otf'))
const bold = readFileSync(path.join(fontDir, 'NotoSansHans-Bold.otf'))
// A fixed date keeps the files byte-identical between runs.
const FIXED_DATE = new Date('2026-03-01T00:00:00Z')

function writeForm(form: DemoForm, isSample: boolean): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: form.title, CreationDate: FIXED_DATE } })
  doc.registerFont('regular', regular)
  doc.registerFont('bold', bold)
  const file = path.join(outDir, `${form.stem}${isSample ? '-sample' : ''}.pdf`)
  const done = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(file)
    stream.on('finish', () => resolve())
    stream.on('error', reject)
    doc.pipe(stream)
  })
  if (isSample) {
    doc
      .save()
      .rotate(-30, { origin: [300, 420] })
      .font('bold')
      .fontSize(96)
      .fillColor('#e6e6e6')
    doc.text('样  表', 130, 360, { lineBreak: false }).restore()
    doc.fillColor('#000000')
  }
  doc.font('regular').fontSize(10).text('常熟市政务服务中心', { align: 'right' })
  doc.moveDown(0.5).font('bold').fontSize(20).text(form.title, { align: 'center' })
  doc.moveDown(1)
  const left = 56
  const labelWidth = 150
  const width = 483
  let y = doc.y
  for (const [label, value] of form.fields) {
    const height = 34
    doc.rect(left, y, labelWidth, height).stroke('#333333')
    doc.rect(left + labelWidth, y, width - labelWidth, height).stroke('#333333')
    doc
      .font('bold')
      .fontSize(11)
      .fillColor('#000000')
      .text(label, left + 8, y + 11, { width: labelWidth - 16 })
    if (isSample)
      doc
        .font('regular')
        .fontSize(11)
        .fillColor('#1e5aa8')
        .text(value, left + labelWidth + 8, y + 11, {
          width: width - labelWidth - 16,
          height: height - 8,
        })
    y += height
  }
  doc.fillColor('#000000').font('regular').fontSize(11)
  doc.text('本人（单位）承诺：所填信息及提交的材料真实、合法、有效，如有不实，愿承担相应法律责任。', left, y + 24, {
    width,
  })
  doc.text(`申请人（签字/盖章）：${isSample ? '（签字）' : '________________'}`, left, y + 80)
  doc.text(`日期：${isSample ? '2026 年 3 月 2 日' : '______ 年 ____ 月 ____ 日'}`, left + 300, y + 80)
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text('演示数据：本表为通办 Tongban 演示用样式，非官方表格。', left, 780, { width })
  doc.end()
  return done
}

mkdirSync(outDir, { recursive: true })
for (const form of DEMO_FORMS) {
  await writeForm(form, false)
  await writeForm(form, true)
}
console.log(`wrote ${DEMO_FORMS.length * 2} demo forms to ${path.relative(rootDir, outDir)}`)
