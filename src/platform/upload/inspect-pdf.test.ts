import { describe, expect, test } from 'vitest'
import { inspectPdf } from './inspect-pdf.js'
import { createSignatureScanner } from './signatures.js'
import { buildPdf, buildPdfWithHiddenJavaScript, buildRawPdf, EICAR } from './test-corpus.js'

describe('inspecting a PDF', () => {
  test('a plain page written with object streams is clean', async () => {
    expect(await inspectPdf(await buildPdf())).toEqual({ kind: 'clean' })
  })

  test('JavaScript compressed inside an object stream is found', async () => {
    const pdf = await buildPdfWithHiddenJavaScript()

    expect(await inspectPdf(pdf)).toEqual({ kind: 'active', element: '/S /JavaScript' })
  })

  test('an object defined twice is judged by both definitions, as a reader may use either', async () => {
    const pdf = Buffer.concat([
      buildRawPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [] /Count 0 >>',
        '<< /JS (app.alert(1)) >>',
      ]),
      Buffer.from('3 0 obj\n<< /Title (harmless) >>\nendobj\n', 'latin1'),
    ])

    expect(await inspectPdf(pdf)).toEqual({ kind: 'active', element: '/JS' })
  })

  test('an /OpenAction that only opens a page is allowed; one that points at an action is not', async () => {
    const toPage = buildRawPdf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ])
    const toUri = buildRawPdf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /S /URI /URI (http://example.invalid/) >>',
    ])

    expect(await inspectPdf(toPage)).toEqual({ kind: 'clean' })
    expect(await inspectPdf(toUri)).toEqual({ kind: 'active', element: '/OpenAction' })
  })

  test('an encrypted PDF cannot be inspected and says so', async () => {
    const pdf = Buffer.concat([
      buildRawPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [] /Count 0 >>',
        '<< /Filter /Standard /V 2 >>',
      ]),
      Buffer.from('trailer\n<< /Size 4 /Root 1 0 R /Encrypt 3 0 R >>\n%%EOF\n', 'latin1'),
    ])

    expect(await inspectPdf(pdf)).toEqual({ kind: 'encrypted' })
  })
})

test('the EICAR signature is found even when it is split across two chunks', () => {
  const scanner = createSignatureScanner()
  const text = Buffer.from(`header ${EICAR} trailer`)

  expect(scanner.push(text.subarray(0, 30))).toBe(false)
  expect(scanner.push(text.subarray(30))).toBe(true)
})
