import jsQRModule from 'jsqr'
import { describe, expect, test } from 'vitest'
import { readPdfImages, readPdfText } from '../../../platform/pdf/read-pdf.js'
import type { CaseNoticeContent } from './notice-data.js'
import { CASE_NOTICE_KINDS, CASE_NOTICE_TITLES, type CaseNoticeKind, formatCaseNoticeNumber } from './notice-kinds.js'
import { buildCaseStatusUrl, type NoticeToRender, renderCaseNoticePdf } from './notice-pdf.js'

// jsqr is CommonJS whose types claim a default export; take the function whichever way Node hands it over.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default

const CASE_NUMBER = '320581-20261208-000123'
const base = {
  departmentName: '常熟市市场监督管理局',
  caseNumber: CASE_NUMBER,
  applicantName: '王秀英',
  itemName: '食品经营许可证核发',
  submittedAt: '2026-12-08T02:00:00.000Z',
}
const remedies = { reconsiderationBody: '常熟市人民政府', court: '常熟市人民法院' }

function contentOf(kind: CaseNoticeKind): CaseNoticeContent {
  switch (kind) {
    case 'receipt':
      return {
        kind,
        data: {
          ...base,
          receivedBy: '综合窗口 李娜',
          materials: [
            { name: '食品经营许可申请书', count: 1, form: '原件' },
            { name: '营业执照', count: 1, form: '复印件' },
          ],
        },
      }
    case 'acceptance':
      return { kind, data: { ...base, acceptedOn: '2026-12-08', dueOn: '2026-12-22', promisedDays: 10 } }
    case 'non_acceptance':
      return {
        kind,
        data: {
          ...base,
          reason: '申请事项依法不需要取得行政许可',
          legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项',
          remedies,
        },
      }
    case 'supplement':
      return {
        kind,
        data: { ...base, materials: [{ name: '食品安全管理制度', requirement: '缺少进货查验记录制度，请补充' }] },
      }
    case 'grant':
      return { kind, data: { ...base, decidedOn: '2026-12-18', result: '食品经营许可证' } }
    case 'denial':
      return {
        kind,
        data: {
          ...base,
          decidedOn: '2026-12-18',
          reasons: '经现场核查，经营场所距离污染源不足 25 米',
          legalBasis: '《食品经营许可和备案管理办法》第十二条',
          remedies,
        },
      }
  }
}

function givenNotice(kind: CaseNoticeKind, content: CaseNoticeContent = contentOf(kind)): NoticeToRender {
  return {
    ...content,
    number: formatCaseNoticeNumber(CASE_NUMBER, kind, 1),
    issuedAt: '2026-12-08T03:04:05.000Z',
    statusUrl: buildCaseStatusUrl('https://tongban.example.cn/', CASE_NUMBER),
  }
}

describe('case notices as PDF', () => {
  test.each(CASE_NOTICE_KINDS)(
    'the %s notice names the department, the case, its own number and the applicant',
    async (kind) => {
      const { pdf } = await renderCaseNoticePdf(givenNotice(kind))

      const text = (await readPdfText(pdf)).join('')
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(text).toContain(CASE_NOTICE_TITLES[kind])
      expect(text).toContain('常熟市市场监督管理局')
      expect(text).toContain(`办件编号：${CASE_NUMBER}`)
      expect(text).toContain(`文书编号：${formatCaseNoticeNumber(CASE_NUMBER, kind, 1)}`)
      expect(text).toContain('王秀英')
      expect(text).toContain('2026年12月8日')
    },
  )

  test('refusals tell the applicant the reason, the legal basis and both remedies with their time limits', async () => {
    for (const kind of ['non_acceptance', 'denial'] as const) {
      const text = (await readPdfText((await renderCaseNoticePdf(givenNotice(kind))).pdf)).join('')

      expect(text).toContain('法律依据')
      expect(text).toContain('六十日内向常熟市人民政府申请行政复议')
      expect(text).toContain('六个月内向常熟市人民法院提起行政诉讼')
    }
  })

  test('the receipt lists every material received with its count, and says it is not an acceptance', async () => {
    const text = (await readPdfText((await renderCaseNoticePdf(givenNotice('receipt'))).pdf)).join('')

    expect(text).toContain('共2项，2份')
    expect(text).toContain('食品经营许可申请书')
    expect(text).toContain('营业执照')
    expect(text).toContain('收件人：综合窗口李娜')
    expect(text).toContain('不表示申请已被受理')
  })

  test('the QR code printed on a notice opens the case’s public status page', async () => {
    const { pdf } = await renderCaseNoticePdf(givenNotice('acceptance'))

    const [qr] = await readPdfImages(pdf)
    const decoded = qr ? jsQR(qr.rgba, qr.width, qr.height) : null

    expect(decoded?.data).toBe(`https://tongban.example.cn/cases/status?number=${CASE_NUMBER}`)
  })

  test('drawing the same notice twice gives the same bytes, so its stored SM3 can be checked', async () => {
    const first = await renderCaseNoticePdf(givenNotice('denial'))
    const second = await renderCaseNoticePdf(givenNotice('denial'))

    expect(second.pdf.equals(first.pdf)).toBe(true)
  })

  test('a supplement list too long for one page moves the issuer and seal place to a last page of their own', async () => {
    const long = {
      kind: 'supplement',
      data: {
        ...base,
        materials: Array.from({ length: 30 }, (_, index) => ({
          name: `材料${index + 1}`,
          requirement: '复印件不清晰，请提交清晰的复印件并加盖公章',
        })),
      },
    } satisfies CaseNoticeContent

    const { pdf, pageCount } = await renderCaseNoticePdf(givenNotice('supplement', long))

    const pages = await readPdfText(pdf)
    expect(pageCount).toBe(pages.length)
    expect(pageCount).toBeGreaterThan(1)
    expect(pages.at(-1)).toContain('常熟市市场监督管理局2026年12月8日')
    expect(pages.join('')).toContain('共30项')
  })
})
