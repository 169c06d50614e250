import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createEncryptedFiles, createS3FileStore, deriveFileKeys } from '../../../platform/files/index.js'
import { startTestS3Server, type TestS3Server } from '../../../platform/files/test-s3-server.js'
import { buildElf, buildJpeg, buildPdf } from '../../../platform/upload/test-corpus.js'
import { buildMultipart } from '../../../test-support/multipart.js'
import { loginAs, type Session, type TestApp } from '../../../test-support/test-app.js'
import { createCaseMaterialsService } from './materials.service.js'
import {
  countMaterialRows,
  givenCase,
  listStoredObjects,
  readStored,
  startMaterialsApp,
  upload,
} from './materials.test-support.js'

// The option for several servers: the same materials API over an S3-compatible bucket (a local s3rver here).
describe('materials in an S3-compatible bucket', () => {
  let s3: TestS3Server
  let app: TestApp & { masterKey: Buffer }
  let applicant: Session

  beforeAll(async () => {
    s3 = await startTestS3Server()
    app = await startMaterialsApp({
      TONGBAN_FILE_STORE: 's3',
      TONGBAN_S3_ENDPOINT: s3.options.endpoint,
      TONGBAN_S3_BUCKET: s3.options.bucket,
      TONGBAN_S3_ACCESS_KEY: s3.options.accessKey,
      TONGBAN_S3_SECRET_KEY: s3.options.secretKey,
      TONGBAN_S3_REGION: s3.options.region,
    })
    applicant = await loginAs(app, 'sunxiaomei')
  })
  afterAll(async () => {
    await app?.close()
    await s3?.close()
  })

  test('an upload goes to the bucket as ciphertext and comes back whole', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const content = await buildPdf()

    const stored = (await upload(applicant, caseId, materialCodes[0] as string, '营业执照.pdf', content)).json()
    const back = await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/materials/${stored.id}/download` })

    expect(back.statusCode).toBe(200)
    expect(back.rawPayload).toEqual(content)
    const objects = listStoredObjects(s3.directory)
    expect(objects.length).toBeGreaterThan(0)
    for (const object of objects) {
      const bytes = readStored(object)
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('TBF1')
      expect(bytes.includes(Buffer.from('%PDF'))).toBe(false)
    }
  })

  test('a refused file and an upload cut off half-way leave nothing in the bucket or the table', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const objects = listStoredObjects(s3.directory).length
    const { payload, headers } = buildMultipart('照片.jpg', buildJpeg())

    const refused = await upload(applicant, caseId, materialCodes[0] as string, '营业执照.pdf', buildElf())
    const cut = await applicant.request({
      method: 'POST',
      url: `/api/cases/${caseId}/materials?materialCode=${materialCodes[0]}`,
      payload: payload.subarray(0, payload.length - 30),
      headers,
    })

    expect(refused.statusCode).toBe(422)
    expect(cut.statusCode).toBe(400)
    expect(await countMaterialRows(app, caseId)).toBe(0)
    expect(listStoredObjects(s3.directory).length).toBe(objects)
  })

  test('deleting a draft’s material removes the object from the bucket', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const objects = listStoredObjects(s3.directory).length
    const stored = (await upload(applicant, caseId, materialCodes[0] as string, 'a.pdf', await buildPdf())).json()
    expect(listStoredObjects(s3.directory).length).toBe(objects + 1)

    await applicant.request({ method: 'DELETE', url: `/api/cases/${caseId}/materials/${stored.id}` })

    await expect.poll(() => listStoredObjects(s3.directory).length).toBe(objects)
  })

  test('the sweeper removes a file a crash left without a row, and keeps every file that has one', async () => {
    const { caseId, materialCodes } = await givenCase(app, { applicant: 'sunxiaomei' })
    const kept = (await upload(applicant, caseId, materialCodes[0] as string, 'kept.pdf', await buildPdf())).json()
    const store = createS3FileStore(s3.options)
    const files = createEncryptedFiles(store, deriveFileKeys(app.masterKey))
    const orphan = `materials/${caseId}/${randomUUID()}`
    await files.put(orphan, await buildPdf())
    const materials = createCaseMaterialsService({
      db: app.db,
      files,
      cipher: app.services.keyRing,
      catalog: app.services.catalog,
      audit: app.services.audit,
      limits: { maxFileBytes: 1024 * 1024, maxCaseBytes: 10 * 1024 * 1024 },
    })

    const removed = await materials.sweepOrphanFiles(0)

    expect(removed).toBe(1)
    expect(await files.exists(orphan)).toBe(false)
    expect(await files.exists(`materials/${caseId}/${kept.id}`)).toBe(true)
    store.close()
  })
})
