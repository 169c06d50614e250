import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildPdf } from '../../../platform/upload/test-corpus.js'
import { loginAs, type TestApp } from '../../../test-support/test-app.js'
import { givenCase, givenState, startMaterialsApp, upload } from './materials.test-support.js'

// Who gets a material: the applicant's side and the staff the case is routed to; everyone else the same 404 as for
// a material that does not exist, so ids and case numbers cannot be probed.
describe('who may see and change a case’s materials', () => {
  let app: TestApp
  let caseId: string
  let materialId: string
  let materialCode: string
  const urls = () => [
    `/api/cases/${caseId}/materials`,
    `/api/cases/${caseId}/materials/${materialId}/download`,
    `/api/cases/${caseId}/materials/${materialId}/view`,
  ]

  beforeAll(async () => {
    app = await startMaterialsApp()
    const given = await givenCase(app, { applicant: 'sunxiaomei' })
    caseId = given.caseId
    materialCode = given.materialCodes[0] as string
    const applicant = await loginAs(app, 'sunxiaomei')
    materialId = (await upload(applicant, caseId, materialCode, '营业执照.pdf', await buildPdf())).json().id
    await givenState(app, caseId, 'submitted')
  })
  afterAll(async () => app?.close())

  test('another applicant gets 404 for the list, the download and the view, and cannot delete', async () => {
    const stranger = await loginAs(app, 'zhoujianguo')

    for (const url of urls()) {
      const response = await stranger.request({ method: 'GET', url })
      expect({ url, status: response.statusCode, code: response.json().code }).toEqual({
        url,
        status: 404,
        code: 'CASE_NOT_FOUND',
      })
    }
    const removed = await stranger.request({ method: 'DELETE', url: `/api/cases/${caseId}/materials/${materialId}` })
    expect(removed.statusCode).toBe(404)
  })

  test('staff of another department get 404 too', async () => {
    const otherDepartment = await loginAs(app, 'liuyang')

    for (const url of urls()) {
      expect((await otherDepartment.request({ method: 'GET', url })).statusCode).toBe(404)
    }
  })

  test('a material id of another case is not found through this case', async () => {
    const other = await givenCase(app, { applicant: 'zhoujianguo' })
    const owner = await loginAs(app, 'zhoujianguo')

    const response = await owner.request({
      method: 'GET',
      url: `/api/cases/${other.caseId}/materials/${materialId}/download`,
    })

    expect(response.statusCode).toBe(404)
    expect(response.json().code).toBe('CASE_MATERIAL_NOT_FOUND')
  })

  test('staff of the accepting department read the material but cannot change it', async () => {
    const reviewer = await loginAs(app, 'wangfang')

    const download = await reviewer.request({ method: 'GET', url: urls()[1] as string })
    const removed = await reviewer.request({ method: 'DELETE', url: `/api/cases/${caseId}/materials/${materialId}` })

    expect(download.statusCode).toBe(200)
    expect(download.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(removed.statusCode).toBe(409)
    expect(removed.json().code).toBe('CASE_MATERIALS_LOCKED')
  })

  test('the applicant still reads their materials after submitting', async () => {
    const applicant = await loginAs(app, 'sunxiaomei')

    const list = await applicant.request({ method: 'GET', url: urls()[0] as string })

    expect(list.statusCode).toBe(200)
    expect(list.json().canChange).toBe(false)
  })

  test('a window clerk registering a walk-in’s case scans the papers in before accepting', async () => {
    const walkIn = await givenCase(app, { applicant: 'gaoyating', filedBy: 'zhangmin' })
    const clerk = await loginAs(app, 'zhangmin')

    const scanned = await upload(
      clerk,
      walkIn.caseId,
      walkIn.materialCodes[0] as string,
      '扫描件.pdf',
      await buildPdf(),
    )

    expect(scanned.statusCode).toBe(201)
    expect(scanned.json().isUploadedByMe).toBe(true)
    const applicant = await loginAs(app, 'gaoyating')
    const list = await applicant.request({ method: 'GET', url: `/api/cases/${walkIn.caseId}/materials` })
    expect(list.json().materials).toHaveLength(1)
  })

  test('the registering clerk may add a scan after submitting, the applicant of that case may not', async () => {
    const walkIn = await givenCase(app, { applicant: 'gaoyating', filedBy: 'zhangmin', state: 'submitted' })
    const clerk = await loginAs(app, 'zhangmin')
    const applicant = await loginAs(app, 'gaoyating')

    const byClerk = await upload(clerk, walkIn.caseId, walkIn.materialCodes[0] as string, '补扫.pdf', await buildPdf())
    const byApplicant = await upload(
      applicant,
      walkIn.caseId,
      walkIn.materialCodes[0] as string,
      'a.pdf',
      await buildPdf(),
    )

    expect(byClerk.statusCode).toBe(201)
    expect(byApplicant.statusCode).toBe(409)
  })
})
