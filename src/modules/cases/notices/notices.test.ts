import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createKeyRing, type KeyRing, sm3Hex } from '../../../platform/crypto/index.js'
import type { Db } from '../../../platform/db/index.js'
import { createTestDb } from '../../../platform/db/test-db.js'
import { createJobQueue, type JobQueue } from '../../../platform/jobs/index.js'
import { readPdfText } from '../../../platform/pdf/read-pdf.js'
import type { Actor } from '../../identity/index.js'
import { type CaseNotices, createCaseNotices, type IssueCaseNoticeInput } from './notices.service.js'

let db: Db
let keyRing: KeyRing
let jobs: JobQueue
let notices: CaseNotices

beforeAll(async () => {
  db = await createTestDb()
  keyRing = await createKeyRing(db, randomBytes(32))
  jobs = createJobQueue({ db })
  notices = createCaseNotices({ db, cipher: keyRing, publicUrl: 'https://tongban.example.cn', jobs })
  notices.installNoticeRendering()
})

afterAll(async () => {
  await db?.close()
})

function givenApplicant(): Actor {
  return {
    id: randomUUID(),
    sessionId: randomUUID(),
    csrfToken: 'x',
    permissions: new Set(),
    kind: 'person',
    loginName: 'applicant',
    displayName: '申请人',
    roles: [],
    departmentId: null,
    departmentName: null,
    restriction: null,
  }
}

let caseSequence = 0
/** A submitted case of `applicant`, as the cases core stores it (the name encrypted; these tests never read it). */
async function givenCase(applicant: Actor): Promise<{ id: string; number: string }> {
  const id = randomUUID()
  const number = `320581-20261208-${String(++caseSequence).padStart(6, '0')}`
  await db.query(
    `INSERT INTO cases.cases (id, number, item_code, item_version, item_name, department_id, division_code, channel,
       state, applicant_kind, applicant_account_id, applicant_name_cipher, applicant_name_index,
       applicant_id_number_cipher, submitted_at)
     VALUES ($1, $2, 'SP-001', 1, '食品经营许可证核发', $3, '320581', 'online', 'submitted', 'person', $4, 'x', 'x', 'x',
       now())`,
    [id, number, randomUUID(), applicant.id],
  )
  return { id, number }
}

function acceptanceOf(caseId: string): IssueCaseNoticeInput {
  return {
    caseId,
    kind: 'acceptance',
    data: {
      departmentName: '常熟市市场监督管理局',
      caseNumber: 'ignored: the case row decides',
      applicantName: '王秀英',
      itemName: '食品经营许可证核发',
      submittedAt: '2026-12-08T02:00:00.000Z',
      acceptedOn: '2026-12-08',
      dueOn: '2026-12-22',
      promisedDays: 10,
    },
  }
}

async function runJobs(): Promise<void> {
  while ((await jobs.runDueJobs()) > 0) {
    // until no job is due
  }
}

describe('issuing case notices', () => {
  test('a notice is stored encrypted: the table holds no PDF, no applicant name, only ciphertext and the SM3', async () => {
    const applicant = givenApplicant()
    const serviceCase = await givenCase(applicant)

    const { noticeId, number } = await db.transaction((tx) => notices.issueCaseNotice(tx, acceptanceOf(serviceCase.id)))
    await runJobs()

    expect(number).toBe(`${serviceCase.number}-SL01`)
    const { rows } = await db.query<{ dump: string; pdf_sm3: string }>(
      'SELECT row_to_json(n)::text AS dump, pdf_sm3 FROM cases.notices n WHERE id = $1',
      [noticeId],
    )
    const dump = rows[0]?.dump ?? ''
    expect(dump).toContain('sm4b:v')
    expect(dump).not.toContain('%PDF')
    expect(dump).not.toContain('JVBER') // %PDF in base64
    expect(dump).not.toContain('王秀英')
    const file = await notices.getCaseNoticePdf(applicant, serviceCase.id, noticeId)
    expect(sm3Hex(file.content)).toBe(rows[0]?.pdf_sm3)
    expect(file.fileName).toBe(`受理通知书-${number}.pdf`)
    const text = (await readPdfText(file.content)).join('')
    expect(text).toContain(`办件编号：${serviceCase.number}`)
    expect(text).toContain('王秀英')
  })

  test('a notice issued in a transition that rolls back leaves neither notice nor job behind', async () => {
    const serviceCase = await givenCase(givenApplicant())

    await expect(
      db.transaction(async (tx) => {
        await notices.issueCaseNotice(tx, acceptanceOf(serviceCase.id))
        throw new Error('the transition failed after the notice')
      }),
    ).rejects.toThrow('the transition failed')

    const { rows } = await db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM cases.notices WHERE case_id = $1',
      [serviceCase.id],
    )
    expect(Number(rows[0]?.count)).toBe(0)
    expect(await jobs.runDueJobs()).toBe(0)
  })

  test('another applicant gets the same 404 for a notice as for a case that does not exist', async () => {
    const owner = givenApplicant()
    const stranger = givenApplicant()
    const serviceCase = await givenCase(owner)
    const { noticeId } = await db.transaction((tx) => notices.issueCaseNotice(tx, acceptanceOf(serviceCase.id)))

    const asStranger = notices.getCaseNoticePdf(stranger, serviceCase.id, noticeId)
    const listAsStranger = notices.listCaseNotices(stranger, serviceCase.id)

    await expect(asStranger).rejects.toMatchObject({ statusCode: 404, code: 'CASE_NOT_FOUND' })
    await expect(listAsStranger).rejects.toMatchObject({ statusCode: 404, code: 'CASE_NOT_FOUND' })
    await expect(notices.getCaseNoticePdf(owner, serviceCase.id, randomUUID())).rejects.toMatchObject({
      statusCode: 404,
      code: 'CASE_NOTICE_NOT_FOUND',
    })
    expect((await notices.listCaseNotices(owner, serviceCase.id)).map((notice) => notice.title)).toEqual(['受理通知书'])
  })

  test('a download before the drawing job ran draws the notice; the job then keeps exactly those bytes', async () => {
    const applicant = givenApplicant()
    const serviceCase = await givenCase(applicant)
    const { noticeId } = await db.transaction((tx) => notices.issueCaseNotice(tx, acceptanceOf(serviceCase.id)))

    const early = await notices.getCaseNoticePdf(applicant, serviceCase.id, noticeId)
    await runJobs()
    const later = await notices.getCaseNoticePdf(applicant, serviceCase.id, noticeId)

    expect(later.content.equals(early.content)).toBe(true)
    expect((await notices.rebuildCaseNoticePdf(db, noticeId)).matchesStored).toBe(true)
  })

  test('notice numbers count each kind within its case: a second receipt is SJ02', async () => {
    const serviceCase = await givenCase(givenApplicant())
    const receipt = (): IssueCaseNoticeInput => ({
      caseId: serviceCase.id,
      kind: 'receipt',
      data: { ...acceptanceOf(serviceCase.id).data, materials: [], receivedBy: '网上申报' },
    })

    const first = await db.transaction((tx) => notices.issueCaseNotice(tx, receipt()))
    const second = await db.transaction((tx) => notices.issueCaseNotice(tx, receipt()))

    expect([first.number, second.number]).toEqual([`${serviceCase.number}-SJ01`, `${serviceCase.number}-SJ02`])
  })

  test('a refusal without its legal basis is refused before anything is stored', async () => {
    const serviceCase = await givenCase(givenApplicant())
    const { data } = acceptanceOf(serviceCase.id)

    const issuing = db.transaction((tx) =>
      notices.issueCaseNotice(tx, {
        caseId: serviceCase.id,
        kind: 'non_acceptance',
        data: {
          ...data,
          reason: '不属于本机关职权范围',
          legalBasis: ' ',
          remedies: { reconsiderationBody: '常熟市人民政府', court: '常熟市人民法院' },
        },
      }),
    )

    await expect(issuing).rejects.toMatchObject({ statusCode: 400, code: 'CASE_NOTICE_DATA_INVALID' })
  })
})
