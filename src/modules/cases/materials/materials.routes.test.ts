import { randomBytes, randomFillSync } from 'node:crypto'
import path from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildJpeg, buildOfd, buildPdf, buildPng } from '../../../platform/upload/test-corpus.js'
import { buildMultipart } from '../../../test-support/multipart.js'
import { loginAs, type Session, type TestApp } from '../../../test-support/test-app.js'
import {
  countMaterialRows,
  givenCase,
  givenState,
  listStoredObjects,
  readStored,
  startMaterialsApp,
  upload,
} from './materials.test-support.js'

/** A JPEG whose comment segment carries `text` in plain bytes, so a grep of the store would find it if unencrypted. */
function jpegWithComment(text: string): Buffer {
  const jpeg = buildJpeg()
  const comment = Buffer.from(text, 'utf8')
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), comment])
  segment.writeUInt16BE(comment.length + 2, 2)
  // After SOI (2 bytes) and APP0 (18 bytes).
  return Buffer.concat([jpeg.subarray(0, 20), segment, jpeg.subarray(20)])
}

/** A PNG of random pixels: about `side`² × 4 bytes whatever the compression. */
function noisyPng(side: number): Buffer {
  const png = new PNG({ width: side, height: side })
  randomFillSync(png.data)
  return PNG.sync.write(png)
}

describe('an applicant’s materials', () => {
  let app: TestApp
  let applicant: Session
  let filesDir: string

  beforeAll(async () => {
    app = await startMaterialsApp({
      TONGBAN_MATERIAL_MAX_FILE_BYTES: String(512 * 1024),
      TONGBAN_MATERIAL_MAX_CASE_BYTES: String(1024 * 1024),
    })
    applicant = await loginAs(app, 'sunxiaomei')
    filesDir = path.join(app.dataDir, 'files')
  })
  afterAll(async () => app?.close())

  test('a PDF, a photo, a PNG and an OFD are accepted by their content and listed against the guide', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const [first, second] = materialCodes as [string, string]

    const pdf = await upload(applicant, caseId, first, '营业执照.pdf', await buildPdf())
    const jpg = await upload(applicant, caseId, second, '身份证正面.jpg', buildJpeg())
    const png = await upload(applicant, caseId, second, '身份证反面.png', buildPng())
    const ofd = await upload(applicant, caseId, first, '申请书.ofd', await buildOfd())

    expect([pdf.statusCode, jpg.statusCode, png.statusCode, ofd.statusCode]).toEqual([201, 201, 201, 201])
    expect(pdf.json()).toMatchObject({ materialCode: first, fileName: '营业执照.pdf', kind: 'pdf', superseded: false })
    expect(pdf.json().sm3).toMatch(/^[0-9a-f]{64}$/)
    const list = (await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/materials` })).json()
    expect(list.materials.map((material: { kind: string }) => material.kind)).toEqual(['pdf', 'jpg', 'png', 'ofd'])
    expect(list.required.find((material: { code: string }) => material.code === first).isProvided).toBe(true)
    expect(list.canChange).toBe(true)
  })

  test('a download is an attachment with the real name, nosniff and no-store, and gives back the very bytes', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const content = await buildPdf()
    const stored = (await upload(applicant, caseId, materialCodes[0] as string, '营业执照 副本.pdf', content)).json()

    const response = await applicant.request({
      method: 'GET',
      url: `/api/cases/${caseId}/materials/${stored.id}/download`,
    })

    expect(response.statusCode).toBe(200)
    expect(response.rawPayload).toEqual(content)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="____ __.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照 副本.pdf')}`,
    )
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['content-security-policy']).toContain('sandbox')
  })

  test('the viewer gets PDFs and images inline in a sandbox; an OFD has to be downloaded', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const png = (await upload(applicant, caseId, materialCodes[0] as string, 'photo.png', buildPng())).json()
    const ofd = (await upload(applicant, caseId, materialCodes[0] as string, 'form.ofd', await buildOfd())).json()

    const view = await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/materials/${png.id}/view` })
    const ofdView = await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/materials/${ofd.id}/view` })

    expect(view.statusCode).toBe(200)
    expect(view.headers['content-disposition']).toMatch(/^inline; /)
    expect(view.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox$/)
    expect(view.headers['x-content-type-options']).toBe('nosniff')
    expect(ofdView.statusCode).toBe(415)
    expect(ofdView.json().code).toBe('CASE_MATERIAL_NOT_VIEWABLE')
  })

  test('in a draft, deleting a material removes its file from the store and its row', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const before = listStoredObjects(filesDir).length
    const stored = (await upload(applicant, caseId, materialCodes[0] as string, 'a.pdf', await buildPdf())).json()
    expect(listStoredObjects(filesDir).length).toBe(before + 1)

    const removed = await applicant.request({ method: 'DELETE', url: `/api/cases/${caseId}/materials/${stored.id}` })

    expect(removed.statusCode).toBe(204)
    expect(await countMaterialRows(app, caseId)).toBe(0)
    await expect.poll(() => listStoredObjects(filesDir).length).toBe(before)
  })

  test('in a draft, replacing a material swaps the file: the old one leaves the store and the list', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const before = listStoredObjects(filesDir).length
    const old = (await upload(applicant, caseId, materialCodes[0] as string, 'old.pdf', await buildPdf())).json()
    const { payload, headers } = buildMultipart('new.jpg', buildJpeg())

    const replaced = await applicant.request({
      method: 'PUT',
      url: `/api/cases/${caseId}/materials/${old.id}`,
      payload,
      headers,
    })

    expect(replaced.statusCode).toBe(201)
    const list = (await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/materials` })).json()
    expect(list.materials.map((material: { fileName: string }) => material.fileName)).toEqual(['new.jpg'])
    await expect.poll(() => listStoredObjects(filesDir).length).toBe(before + 1)
  })

  test('a case sent back for changes keeps the replaced file for the record, and lists the new one', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const old = (await upload(applicant, caseId, materialCodes[0] as string, 'old.pdf', await buildPdf())).json()
    await givenState(app, caseId, 'returned')

    const { payload, headers } = buildMultipart('new.png', buildPng())
    const replaced = await applicant.request({
      method: 'PUT',
      url: `/api/cases/${caseId}/materials/${old.id}`,
      payload,
      headers,
    })

    expect(replaced.statusCode).toBe(201)
    expect(replaced.json()).toMatchObject({ materialCode: materialCodes[0], fileName: 'new.png', kind: 'png' })
    const list = (await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/materials` })).json()
    expect(list.materials).toHaveLength(2)
    expect(list.materials[0]).toMatchObject({ id: old.id, superseded: true, replacedBy: replaced.json().id })
  })

  test('once submitted, the applicant can no longer add, replace or delete materials', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const stored = (await upload(applicant, caseId, materialCodes[0] as string, 'a.pdf', await buildPdf())).json()
    await givenState(app, caseId, 'submitted')

    const added = await upload(applicant, caseId, materialCodes[0] as string, 'b.pdf', await buildPdf())
    const removed = await applicant.request({ method: 'DELETE', url: `/api/cases/${caseId}/materials/${stored.id}` })

    expect(added.statusCode).toBe(409)
    expect(added.json().code).toBe('CASE_MATERIALS_LOCKED')
    expect(added.json().message).toContain('已提交')
    expect(removed.statusCode).toBe(409)
    expect(await countMaterialRows(app, caseId)).toBe(1)
  })

  test('a material the guide does not ask for is refused', async () => {
    const { caseId } = await givenCase(app, { applicant: 'sunxiaomei' })

    const response = await upload(applicant, caseId, 'no-such-material', 'a.pdf', await buildPdf())

    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('CASE_MATERIAL_CODE_UNKNOWN')
  })

  test('a file over the per-file limit, and a file that would take the case over its total, are refused', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const code = materialCodes[0] as string
    const rows = await countMaterialRows(app)
    const files = listStoredObjects(filesDir).length

    const tooBig = await upload(applicant, caseId, code, 'big.png', noisyPng(400))
    const first = await upload(applicant, caseId, code, 'p1.png', noisyPng(310))
    const second = await upload(applicant, caseId, code, 'p2.png', noisyPng(310))
    const third = await upload(applicant, caseId, code, 'p3.png', noisyPng(310))

    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.json().code).toBe('UPLOAD_TOO_LARGE')
    expect([first.statusCode, second.statusCode]).toEqual([201, 201])
    expect(third.statusCode).toBe(413)
    expect(third.json()).toMatchObject({ code: 'CASE_MATERIALS_TOO_LARGE' })
    expect(third.json().message).toContain('本办件的材料合计不能超过 1 MB')
    expect(await countMaterialRows(app)).toBe(rows + 2)
    expect(listStoredObjects(filesDir).length).toBe(files + 2)
  })

  test('two uploads at once near the case total: one is stored, the other refused, and nothing is left over', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const code = materialCodes[0] as string
    expect((await upload(applicant, caseId, code, 'p0.png', noisyPng(310))).statusCode).toBe(201)
    const files = listStoredObjects(filesDir).length

    const answers = await Promise.all([
      upload(applicant, caseId, code, 'p1.png', noisyPng(310)),
      upload(applicant, caseId, code, 'p2.png', noisyPng(310)),
    ])

    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 413])
    expect(await countMaterialRows(app, caseId)).toBe(2)
    await expect.poll(() => listStoredObjects(filesDir).length).toBe(files + 1)
  })

  test('the store holds only ciphertext: no file starts like a PDF, JPEG or PNG and no uploaded text is found', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const marker = `孙晓梅-320581198503120424-${randomBytes(6).toString('hex')}`
    const photo = jpegWithComment(marker)
    const stored = (await upload(applicant, caseId, materialCodes[0] as string, 'comment.jpg', photo)).json()
    const back = await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/materials/${stored.id}/download` })
    expect(back.rawPayload.includes(Buffer.from(marker))).toBe(true)

    const objects = listStoredObjects(filesDir)

    expect(objects.length).toBeGreaterThan(0)
    for (const file of objects) {
      const bytes = readStored(file)
      expect(bytes.subarray(0, 4).toString('latin1')).not.toBe('%PDF')
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false)
      expect(bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe(false)
      expect(bytes.includes(Buffer.from(marker))).toBe(false)
      expect(bytes.includes(Buffer.from('320581198503120424'))).toBe(false)
    }
  })
})
