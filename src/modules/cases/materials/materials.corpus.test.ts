import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  buildDocx,
  buildElf,
  buildPdf,
  buildPdfWithHiddenJavaScript,
  buildPdfWithLaunch,
  buildPngHeader,
  buildZip,
  EICAR,
  zeros,
} from '../../../platform/upload/test-corpus.js'
import { buildMultipart } from '../../../test-support/multipart.js'
import { loginAs, type Session, type TestApp } from '../../../test-support/test-app.js'
import { countMaterialRows, givenCase, listStoredObjects, startMaterialsApp, upload } from './materials.test-support.js'

type Attack = { name: string; fileName: string; content: () => Promise<Buffer> | Buffer; status: number; code: string }

const CHINESE = /[\u4e00-\u9fff]/

// What the review sent, each as the applicant's browser would upload it as a material.
const ATTACKS: Attack[] = [
  {
    name: 'a renamed executable',
    fileName: '营业执照.pdf',
    content: buildElf,
    status: 422,
    code: 'UPLOAD_CONTENT_REFUSED',
  },
  {
    name: 'an HTML page named .pdf',
    fileName: '申请书.pdf',
    content: () => Buffer.from('<!doctype html><html><script>fetch("/api/auth/me")</script></html>'),
    status: 422,
    code: 'UPLOAD_CONTENT_REFUSED',
  },
  {
    name: 'an SVG with script named .png',
    fileName: '照片.png',
    content: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
    status: 422,
    code: 'UPLOAD_CONTENT_REFUSED',
  },
  {
    name: 'a PDF that runs JavaScript',
    fileName: '承诺书.pdf',
    content: buildPdfWithHiddenJavaScript,
    status: 422,
    code: 'UPLOAD_CONTENT_REFUSED',
  },
  {
    name: 'a PDF that launches a program',
    fileName: '委托书.pdf',
    content: buildPdfWithLaunch,
    status: 422,
    code: 'UPLOAD_CONTENT_REFUSED',
  },
  {
    name: 'a zip bomb disguised as an OFD',
    fileName: '申请书.ofd',
    content: () => buildZip([{ name: 'OFD.xml', content: zeros(300 * 1024 * 1024) }]),
    status: 422,
    code: 'UPLOAD_CONTENT_REFUSED',
  },
  {
    name: 'an image claiming absurd dimensions',
    fileName: '平面图.png',
    content: () => buildPngHeader(60_000, 60_000),
    status: 422,
    code: 'UPLOAD_CONTENT_REFUSED',
  },
  {
    name: 'the EICAR test virus',
    fileName: 'eicar.pdf',
    content: () => Buffer.from(EICAR),
    status: 422,
    code: 'UPLOAD_CONTENT_REFUSED',
  },
  {
    name: 'a path-traversal name',
    fileName: '../../etc/passwd.pdf',
    content: buildPdf,
    status: 400,
    code: 'UPLOAD_FILE_NAME_INVALID',
  },
  {
    name: 'a Windows path name',
    fileName: '..\\..\\boot.pdf',
    content: buildPdf,
    status: 400,
    code: 'UPLOAD_FILE_NAME_INVALID',
  },
  {
    name: 'a control character in the name',
    fileName: 'a\u0007b.pdf',
    content: buildPdf,
    status: 400,
    code: 'UPLOAD_FILE_NAME_INVALID',
  },
  {
    name: 'a right-to-left override hiding the real extension',
    fileName: '证明\u202Efdp.exe.pdf',
    content: buildPdf,
    status: 400,
    code: 'UPLOAD_FILE_NAME_INVALID',
  },
  {
    name: 'a Word document (not an accepted kind)',
    fileName: 'a.docx',
    content: () => buildDocx(),
    status: 415,
    code: 'UPLOAD_TYPE_REFUSED',
  },
]

describe('malicious and malformed materials', () => {
  let app: TestApp
  let applicant: Session
  let caseId: string
  let materialCode: string
  let filesDir: string

  beforeAll(async () => {
    app = await startMaterialsApp()
    applicant = await loginAs(app, 'sunxiaomei')
    const given = await givenCase(app, { applicant: 'sunxiaomei' })
    caseId = given.caseId
    materialCode = given.materialCodes[0] as string
    filesDir = path.join(app.dataDir, 'files')
  })
  afterAll(async () => app?.close())

  test('every attack is refused in Chinese, leaves nothing in the store or the table, and memory stays flat', async () => {
    const built = await Promise.all(ATTACKS.map(async (attack) => ({ ...attack, bytes: await attack.content() })))
    const rss = process.memoryUsage().rss

    for (const attack of built) {
      const response = await upload(applicant, caseId, materialCode, attack.fileName, attack.bytes)

      expect({ attack: attack.name, status: response.statusCode, code: response.json().code }).toEqual({
        attack: attack.name,
        status: attack.status,
        code: attack.code,
      })
      expect(response.json().message).toMatch(CHINESE)
    }

    expect(await countMaterialRows(app, caseId)).toBe(0)
    expect(listStoredObjects(filesDir)).toEqual([])
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024)
  })

  test('an upload cut off in the middle is refused and leaves nothing behind', async () => {
    const { payload, headers } = buildMultipart('营业执照.pdf', await buildPdf())
    const cut = payload.subarray(0, Math.floor(payload.length / 2))

    const response = await applicant.request({
      method: 'POST',
      url: `/api/cases/${caseId}/materials?materialCode=${materialCode}`,
      payload: cut,
      headers,
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('UPLOAD_INTERRUPTED')
    expect(response.json().message).toMatch(CHINESE)
    expect(await countMaterialRows(app, caseId)).toBe(0)
    expect(listStoredObjects(filesDir)).toEqual([])
  })

  test('a refused attack is audited as denied and raises the malicious-upload alert', async () => {
    await upload(applicant, caseId, materialCode, 'x.pdf', buildElf())

    const { rows } = await app.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit.security_alerts WHERE kind = 'malicious_upload'`,
    )
    expect(rows[0]?.count).toBeGreaterThan(0)
  })
})
