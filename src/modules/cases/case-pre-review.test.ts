import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildPdf } from '../../platform/upload/test-corpus.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { answerWithFirstOptions, demoItemCode } from './cases.test-support.js'
import { upload } from './materials/materials.test-support.js'

// An item of 市场监督管理局 without an online form: the checks are the situations, the applicant and the materials.
const ITEM_NAME = '特种设备使用登记'
const ITEM = demoItemCode(ITEM_NAME)
const ITEM_ANSWERS = answerWithFirstOptions(ITEM_NAME)
let app: TestApp
let citizen: Session
let clerk: Session

beforeAll(async () => {
  app = await startTestApp({ seedCatalog: true })
  ;[citizen, clerk] = await Promise.all([loginAs(app, 'sunxiaomei'), loginAs(app, 'zhangmin')])
}, 120_000)
afterAll(async () => {
  await app?.close()
})

type Check = { rule: string; passed: boolean; resultLabel: string; message: string; subject?: string }

describe('智能预审 of a case', () => {
  test('the applicant checks before submitting, sees a missing material turn to 通过 once uploaded, and staff see the results on the case file', async () => {
    const draft = await citizen.request({
      method: 'POST',
      url: '/api/cases',
      payload: { itemCode: ITEM, answers: ITEM_ANSWERS },
    })
    const id = draft.json().id as string

    const before = await citizen.request({ method: 'POST', url: `/api/cases/${id}/pre-review-check` })
    const missing = (before.json().checks as Check[]).filter(
      (check) => check.rule === 'material_present' && !check.passed,
    )
    const first = missing[0] as Check

    expect(before.statusCode).toBe(200)
    expect(missing.length).toBeGreaterThan(0)
    expect(first).toMatchObject({ resultLabel: '未通过' })

    const uploaded = await upload(citizen, id, first.subject as string, '材料.pdf', await buildPdf())
    const after = await citizen.request({ method: 'POST', url: `/api/cases/${id}/pre-review-check` })
    const sameMaterial = (after.json().checks as Check[]).find(
      (check) => check.rule === 'material_present' && check.subject === first.subject,
    )

    expect(uploaded.statusCode).toBe(201)
    expect(sameMaterial).toMatchObject({ passed: true, resultLabel: '通过' })
    // Checking changes nothing: the case is still a draft, and staff cannot see it yet.
    expect((await citizen.request({ method: 'GET', url: `/api/cases/${id}` })).json().state).toBe('draft')

    const submitted = await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })
    const file = (await clerk.request({ method: 'GET', url: `/api/cases/${id}/file` })).json()

    expect(submitted.statusCode).toBe(200)
    expect(file.preReviewAtSubmission).toEqual(after.json().checks)
    expect(file.preReview).toEqual(after.json().checks)
    expect((file.preReview as Check[]).every((check) => ['通过', '未通过'].includes(check.resultLabel))).toBe(true)
  })

  test('only the applicant’s side runs the check, and only before submission', async () => {
    const draft = await citizen.request({
      method: 'POST',
      url: '/api/cases',
      payload: { itemCode: ITEM, answers: ITEM_ANSWERS },
    })
    const id = draft.json().id as string

    const byStaff = await clerk.request({ method: 'POST', url: `/api/cases/${id}/pre-review-check` })
    await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })
    const afterSubmit = await citizen.request({ method: 'POST', url: `/api/cases/${id}/pre-review-check` })

    expect(byStaff.statusCode).toBe(404)
    expect(afterSubmit.statusCode).toBe(409)
    expect(afterSubmit.json().code).toBe('CASE_STATE_CONFLICT')
  })
})
