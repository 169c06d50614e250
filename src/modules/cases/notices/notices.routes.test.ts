import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../../test-support/test-app.js'

let tongban: TestApp
let applicant: Session
let neighbour: Session

beforeAll(async () => {
  tongban = await startTestApp()
  applicant = await loginAs(tongban, 'sunxiaomei')
  neighbour = await loginAs(tongban, 'zhoujianguo')
})

afterAll(async () => {
  await tongban?.close()
})

async function accountIdOf(session: Session): Promise<string> {
  return (await session.request({ method: 'GET', url: '/api/auth/me' })).json().account.id
}

/** A submitted case of the applicant, stored as the cases core stores it, with its acceptance notice. */
async function givenAcceptedCase(): Promise<{ caseId: string; noticeId: string }> {
  const caseId = randomUUID()
  await tongban.db.query(
    `INSERT INTO cases.cases (id, number, item_code, item_version, item_name, department_id, division_code, channel,
       state, applicant_kind, applicant_account_id, applicant_name_cipher, applicant_name_index,
       applicant_id_number_cipher, submitted_at)
     VALUES ($1, $2, 'SP-001', 1, '食品经营许可证核发', $3, '320581', 'online', 'accepted', 'person', $4, 'x', 'x', 'x',
       now())`,
    [caseId, `320581-20261208-9${caseId.slice(0, 5).replace(/\D/g, '0')}`, randomUUID(), await accountIdOf(applicant)],
  )
  const { noticeId } = await tongban.db.transaction((tx) =>
    tongban.services.notices.issueCaseNotice(tx, {
      caseId,
      kind: 'acceptance',
      data: {
        departmentName: '常熟市市场监督管理局',
        caseNumber: '',
        applicantName: '孙晓梅',
        itemName: '食品经营许可证核发',
        submittedAt: '2026-12-08T02:00:00.000Z',
        acceptedOn: '2026-12-08',
      },
    }),
  )
  return { caseId, noticeId }
}

describe('notice downloads', () => {
  test('the applicant downloads the notice as a PDF attachment the browser must not sniff', async () => {
    const { caseId, noticeId } = await givenAcceptedCase()

    const response = await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/notices/${noticeId}/pdf` })

    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(response.headers['content-disposition']).toMatch(/^attachment;/)
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const list = await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/notices` })
    expect(list.json().map((notice: { title: string }) => notice.title)).toEqual(['受理通知书'])
  })

  test('another applicant, and a made-up notice id, get 404; nobody logged out gets anything', async () => {
    const { caseId, noticeId } = await givenAcceptedCase()

    const byNeighbour = await neighbour.request({ method: 'GET', url: `/api/cases/${caseId}/notices/${noticeId}/pdf` })
    const listByNeighbour = await neighbour.request({ method: 'GET', url: `/api/cases/${caseId}/notices` })
    const madeUp = await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/notices/${randomUUID()}/pdf` })
    const anonymous = await tongban.app.inject({ method: 'GET', url: `/api/cases/${caseId}/notices/${noticeId}/pdf` })

    expect([byNeighbour.statusCode, byNeighbour.json().code]).toEqual([404, 'CASE_NOT_FOUND'])
    expect(listByNeighbour.statusCode).toBe(404)
    expect([madeUp.statusCode, madeUp.json().code]).toEqual([404, 'CASE_NOTICE_NOT_FOUND'])
    expect(anonymous.statusCode).toBe(401)
  })

  test('the acceptance notice is drawn by the job right after issuing: its size and SM3 are listed before anyone opens it', async () => {
    const { caseId } = await givenAcceptedCase()

    while ((await tongban.services.jobs.runDueJobs()) > 0) {
      // until no job is due
    }

    const [notice] = (await applicant.request({ method: 'GET', url: `/api/cases/${caseId}/notices` })).json()
    expect(notice.sm3).toMatch(/^[0-9a-f]{64}$/)
    expect(notice.sizeBytes).toBeGreaterThan(10_000)
  })
})
