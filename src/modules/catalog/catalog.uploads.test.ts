import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  buildDocm,
  buildDocx,
  buildElf,
  buildJpeg,
  buildOfd,
  buildOleFile,
  buildPdf,
  buildPdfWithHiddenJavaScript,
  buildPdfWithLaunch,
  buildPdfWithObjectStreamBomb,
  buildPng,
  buildPngHeader,
  buildRawPdf,
  buildZip,
  EICAR,
  withLyingSizes,
  withOverlappingEntries,
  zeros,
} from '../../platform/upload/test-corpus.js'
import { buildMultipart } from '../../test-support/multipart.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { buildTemplateWorkbook } from './implementation-workbook.js'
import { guideWith } from './test-guides.js'

let app: TestApp
let editor: Session
let centre: Session

const GiB = 1024 * 1024 * 1024
const MiB = 1024 * 1024

beforeAll(async () => {
  app = await startTestApp()
  editor = await loginAs(app, 'liqiang')
  centre = await loginAs(app, 'chenjing')
})
afterAll(async () => {
  await app.close()
})

function upload(purpose: 'blankForm' | 'sample', fileName: string, content: Buffer) {
  const { payload, headers } = buildMultipart(fileName, content)
  return editor.request({ method: 'POST', url: `/api/catalog/files?purpose=${purpose}`, payload, headers })
}

function importWorkbook(fileName: string, content: Buffer) {
  const { payload, headers } = buildMultipart(fileName, content)
  return editor.request({ method: 'POST', url: '/api/catalog/import/workbook', payload, headers })
}

type Attack = {
  name: string
  send: () => Promise<{
    statusCode: number
    json: () => { code: string; message: string; requestId: string; details?: { reason?: string } }
  }>
  reason: string
}

describe('the upload corpus', () => {
  const attacks: Attack[] = []
  const add = (name: string, reason: string, send: Attack['send']) => attacks.push({ name, reason, send })

  beforeAll(async () => {
    // Warm up: the first upload loads the sniffing and parsing libraries, which is not what the limit is about.
    expect((await upload('blankForm', '申请书.docx', await buildDocx())).statusCode).toBe(201)
    expect((await upload('blankForm', '申请书.pdf', await buildPdf())).statusCode).toBe(201)
    const bomb = await buildZip([
      { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', content: zeros(GiB) },
    ])
    const lyingBomb = withLyingSizes(
      await buildZip([{ name: 'xl/worksheets/sheet1.xml', content: zeros(64 * MiB) }]),
      100,
    )
    const overlapping = withOverlappingEntries(
      await buildZip([
        { name: 'xl/a.xml', content: Buffer.alloc(4096, 0x41) },
        { name: 'xl/b.xml', content: Buffer.alloc(4096, 0x41) },
      ]),
    )
    const nested = await buildDocx([{ name: 'word/embeddings/inner.zip', content: await buildDocx() }])
    const hiddenNested = await buildDocx([{ name: 'word/media/image1.png', content: await buildDocx() }])
    const traversal = Buffer.from(
      (await buildDocx([{ name: 'aa/evil.txt', content: Buffer.from('x') }]))
        .toString('latin1')
        .replaceAll('aa/evil.txt', '../evil.txt'),
      'latin1',
    )
    const eicarDocx = await buildDocx([{ name: 'word/media/readme.txt', content: Buffer.from(EICAR) }])
    const xlsm = await buildZip([
      {
        name: '[Content_Types].xml',
        content: Buffer.from(
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
        ),
      },
      { name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') },
      { name: 'xl/vbaProject.bin', content: buildOleFile() },
    ])
    const manyEntries = await buildZip(
      Array.from({ length: 600 }, (_, index) => ({ name: `xl/part${index}.xml`, content: Buffer.from('<x/>') })),
    )
    const good = await buildPdf()
    const escapedJavaScript = buildRawPdf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /S /#4aava#53cript /#4aS (app.alert(1)) >>',
    ])
    const pdfBomb = buildPdfWithObjectStreamBomb(256 * MiB)
    const htmlPdfPolyglot = Buffer.concat([Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n'), good])

    add('1 GiB zip bomb as a workbook', 'archive_ratio', () => importWorkbook('实施清单.xlsx', bomb))
    add('zip bomb whose header lies about its size', 'archive_size_mismatch', () =>
      importWorkbook('实施清单.xlsx', lyingBomb),
    )
    add('zip whose entries overlap', 'archive_overlapping_entries', () => importWorkbook('实施清单.xlsx', overlapping))
    add('600-entry workbook', 'archive_too_many_entries', () => importWorkbook('实施清单.xlsx', manyEntries))
    add('docx with a nested zip', 'archive_nested', () => upload('blankForm', '申请书.docx', nested))
    add('docx with a zip disguised as an image', 'archive_nested', () =>
      upload('blankForm', '申请书.docx', hiddenNested),
    )
    add('docx with a ../ path', 'archive_path', () => upload('blankForm', '申请书.docx', traversal))
    add('docm with vbaProject.bin renamed .docx', 'macro', async () =>
      upload('blankForm', '申请书.docx', await buildDocm()),
    )
    add('xlsm renamed .xlsx', 'macro', () => upload('blankForm', '申请表.xlsx', xlsm))
    add('OLE compound file as .doc', 'ole_compound_file', () => upload('blankForm', '申请书.doc', buildOleFile()))
    add('HTML as .pdf', 'markup', () =>
      upload(
        'blankForm',
        '申请书.pdf',
        Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>'),
      ),
    )
    add('HTML/PDF polyglot', 'markup', () => upload('blankForm', '申请书.pdf', htmlPdfPolyglot))
    add('SVG with script as .png', 'markup', () =>
      upload(
        'sample',
        '样表.png',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ),
    )
    add('GIF/JS polyglot as .png', 'type_not_allowed', () =>
      upload('sample', '样表.png', Buffer.from('GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(1);//')),
    )
    add('ELF renamed .jpg', 'executable', () => upload('sample', '样表.jpg', buildElf()))
    const hiddenJavaScript = await buildPdfWithHiddenJavaScript()
    // A raw search would not find it: the action is compressed inside an object stream.
    expect(hiddenJavaScript.includes('/JavaScript')).toBe(false)
    add('PDF with /JavaScript hidden in an object stream', 'pdf_active_content', () =>
      upload('blankForm', '申请书.pdf', hiddenJavaScript),
    )
    add('PDF with a /Launch link', 'pdf_active_content', async () =>
      upload('blankForm', '申请书.pdf', await buildPdfWithLaunch()),
    )
    add('PDF with /JavaScript written in lower-case #xx escapes', 'pdf_active_content', () =>
      upload('blankForm', '申请书.pdf', escapedJavaScript),
    )
    add('PDF whose object stream is a Flate bomb', 'pdf_too_complex', () => upload('blankForm', '申请书.pdf', pdfBomb))
    add('EICAR as .pdf', 'eicar_signature', () => upload('blankForm', '申请书.pdf', Buffer.from(EICAR)))
    add('EICAR inside a docx', 'eicar_signature', () => upload('blankForm', '申请书.docx', eicarDocx))
    add('PNG header claiming 100,000 × 100,000 pixels', 'image_too_large', () =>
      upload('sample', '样表.png', buildPngHeader(100_000, 100_000)),
    )
    add('PNG with a zip appended', 'image_trailing_data', async () =>
      upload('sample', '样表.png', Buffer.concat([buildPng(), await buildDocx()])),
    )
    add('file over 10 MB', 'too_large', () => upload('blankForm', '扫描件.pdf', Buffer.alloc(10 * MiB + 1, 0x25)))
  }, 120_000)

  test('every attack is refused in under 2 s with a 4xx in the error shape, and memory stays flat', async () => {
    const before = process.memoryUsage().rss
    const outcomes: string[] = []

    for (const attack of attacks) {
      const started = performance.now()
      const response = await attack.send()
      const elapsed = performance.now() - started

      const body = response.json()
      outcomes.push(`${attack.name}: ${response.statusCode} ${body.details?.reason} ${Math.round(elapsed)} ms`)
      expect(response.statusCode, attack.name).toBeGreaterThanOrEqual(400)
      expect(response.statusCode, attack.name).toBeLessThan(500)
      expect(body, attack.name).toMatchObject({
        code: expect.stringMatching(/^UPLOAD_/),
        message: expect.any(String),
        requestId: expect.any(String),
      })
      expect(body.details?.reason, attack.name).toBe(attack.reason)
      expect(elapsed, attack.name).toBeLessThan(2000)
    }
    const growth = (process.memoryUsage().rss - before) / MiB

    console.info(`${outcomes.join('\n')}\nRSS growth ${Math.round(growth)} MiB`)
    expect(attacks.length).toBeGreaterThanOrEqual(20)
    expect(growth).toBeLessThan(100)
  }, 120_000)

  test('a malicious upload is audited as denied and the security administrator sees the alert', async () => {
    await upload('sample', '样表.jpg', buildElf())

    const security = await loginAs(app, 'secadmin')
    const alerts = (await security.request({ url: '/api/audit/alerts' })).json() as {
      alerts: { kind: string; detail: string | null }[]
    }
    expect(alerts.alerts.find((alert) => alert.kind === 'malicious_upload')?.detail).toContain('executable')
    const { rows } = await app.db.query<{ result: string; details: { reason: string } }>(
      `SELECT result, details FROM audit.records WHERE action = 'catalog.file.upload' AND result = 'denied'
       UNION ALL SELECT result, details FROM audit.pending_records WHERE action = 'catalog.file.upload' AND result = 'denied'`,
    )
    expect(rows.map((row) => row.details.reason)).toContain('executable')
  })
})

describe('good files', () => {
  test.each([
    ['blankForm', '申请书.pdf', 'application/pdf', () => buildPdf()],
    [
      'blankForm',
      '申请书.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      () => buildDocx(),
    ],
    [
      'blankForm',
      '申请表.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      () => buildTemplateWorkbook(),
    ],
    ['blankForm', '申请书.ofd', 'application/ofd', () => buildOfd()],
    ['sample', '样表.pdf', 'application/pdf', () => buildPdf()],
    ['sample', '样表.jpg', 'image/jpeg', async () => buildJpeg()],
    ['sample', '样表.png', 'image/png', async () => buildPng()],
  ] as const)('a %s %s is accepted and downloads as %s, as an attachment', async (purpose, fileName, type, build) => {
    const content = Buffer.from(await build())

    const response = await upload(purpose, fileName, content)

    expect(response.statusCode, response.body).toBe(201)
    const download = await editor.request({ url: (response.json() as { url: string }).url })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe(type)
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    expect(download.headers['x-content-type-options']).toBe('nosniff')
    expect(download.rawPayload.equals(content)).toBe(true)
  })

  test('a .pdf that is really a PNG is refused: name and content must agree', async () => {
    const response = await upload('sample', '样表.pdf', buildPng())

    expect(response.statusCode).toBe(415)
    expect(response.json()).toMatchObject({ code: 'UPLOAD_TYPE_REFUSED', details: { reason: 'extension_mismatch' } })
  })
})

describe('malformed upload requests', () => {
  test('JSON, text, a field without a file, two files, a cut-off body or a NUL in the name: a 4xx in the error shape', async () => {
    const twoFiles = buildMultipart('a.pdf', Buffer.from('%PDF-1.4'))
    const boundary = twoFiles.headers['content-type'].split('boundary=')[1]
    const requests = [
      { headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ contentBase64: 'AAAA' }) },
      { headers: { 'content-type': 'text/plain' }, payload: 'hello' },
      {
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      },
      {
        headers: twoFiles.headers,
        payload: Buffer.concat([
          twoFiles.payload.subarray(0, twoFiles.payload.length - `--${boundary}--\r\n`.length),
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\n\r\n%PDF-1.4\r\n--${boundary}--\r\n`,
          ),
        ]),
      },
      { headers: twoFiles.headers, payload: twoFiles.payload.subarray(0, twoFiles.payload.length - 10) },
      buildMultipart('a\u0000b.pdf', await buildPdf()),
    ]

    for (const { headers, payload } of requests) {
      const response = await editor.request({
        method: 'POST',
        url: '/api/catalog/files?purpose=blankForm',
        headers,
        payload,
      })

      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400)
      expect(response.statusCode, response.body).toBeLessThan(500)
      expect(response.json()).toMatchObject({
        code: expect.any(String),
        message: expect.stringMatching(/[\u4e00-\u9fa5]/),
      })
    }
  })
})

describe('who may download', () => {
  test('a draft’s blank form needs an editor; once its item is published anyone may download it', async () => {
    const stored = (await upload('blankForm', '申请书.pdf', await buildPdf())).json() as {
      url: string
      fileName: string
    }
    const guide = guideWith({ code: 'UPLOAD-PUBLIC-1', name: '上传测试事项' })
    const material = { ...guide.materials[0], blankForm: { fileName: stored.fileName, url: stored.url } }
    const created = await editor.request({
      method: 'POST',
      url: '/api/catalog/items',
      payload: { guide: { ...guide, materials: [material, ...guide.materials.slice(1)] } },
    })
    expect(created.statusCode, created.body).toBe(201)

    const anonymousWhileDraft = await app.app.inject({ url: stored.url })
    expect(anonymousWhileDraft.statusCode).toBe(401)
    expect(anonymousWhileDraft.json().code).toBe('AUTH_REQUIRED')

    await editor.request({ method: 'POST', url: '/api/catalog/items/UPLOAD-PUBLIC-1/submit' })
    const published = await centre.request({ method: 'POST', url: '/api/catalog/items/UPLOAD-PUBLIC-1/publish' })
    expect(published.statusCode, published.body).toBe(200)
    const anonymousOncepublished = await app.app.inject({ url: stored.url })
    expect(anonymousOncepublished.statusCode).toBe(200)
    expect(anonymousOncepublished.headers['content-disposition']).toMatch(/^attachment;/)
  })

  test('an upload without a session is refused before the body is read', async () => {
    const { payload, headers } = buildMultipart('申请书.pdf', await buildPdf())

    const response = await app.app.inject({
      method: 'POST',
      url: '/api/catalog/files?purpose=blankForm',
      payload,
      headers,
    })

    expect(response.statusCode).toBe(401)
  })
})
