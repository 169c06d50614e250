import jsQRModule from 'jsqr'
import { PNG } from 'pngjs'
import { describe, expect, test } from 'vitest'
import type { OneTimeNotice } from './catalog.schemas.js'
import { formatNoticeNumber } from './notice-issuing.js'
import { buildNoticeQrPng, renderNoticePdf } from './notice-pdf.js'
import { buildOneTimeNotice } from './one-time-notice.js'
import { guideWith } from './test-guides.js'

// jsqr is CommonJS whose types claim a default export; take the function whichever way Node hands it over.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default

function givenNotice(): OneTimeNotice {
  const number = formatNoticeNumber('CS-GZ', new Date('2026-11-25T02:00:00Z'), 123)
  return {
    number,
    issuedAt: '2026-11-25T02:00:00.000Z',
    url: `https://tongban.example.cn/notices/${number}`,
    pdfUrl: `https://tongban.example.cn/api/catalog/notices/${number}.pdf`,
    notice: buildOneTimeNotice(
      guideWith(),
      { kind: 'new', agent: 'yes' },
      { itemVersion: 2, departmentName: '常熟市市场监督管理局' },
    ),
  }
}

describe('printable notice', () => {
  test('notice numbers carry the day in China and a six-digit running number', () => {
    expect(formatNoticeNumber('CS-GZ', new Date('2026-11-25T17:30:00Z'), 123)).toBe('CS-GZ-20261126-000123')
  })

  test('the QR code printed on the notice reopens the notice’s link', async () => {
    const notice = givenNotice()

    const png = PNG.sync.read(await buildNoticeQrPng(notice.url))
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)

    expect(decoded?.data).toBe('https://tongban.example.cn/notices/CS-GZ-20261125-000123')
  })

  test('the PDF is a PDF with the Chinese font embedded and the notice number in its metadata', async () => {
    const pdf = await renderNoticePdf(givenNotice(), '常熟市政务服务中心')

    const text = pdf.toString('latin1')
    expect(text.startsWith('%PDF-')).toBe(true)
    expect(text).toMatch(/NotoSansHans/)
    // The document title carries the number, written as a UTF-16BE string in the info dictionary.
    expect(text).toContain(Buffer.from('CS-GZ-20261125-000123', 'utf16le').swap16().toString('latin1'))
    expect(pdf.length).toBeLessThan(2_000_000)
  })
})
