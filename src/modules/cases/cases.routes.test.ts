import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { answerWithFirstOptions, demoItemCode } from './cases.test-support.js'

// An item of 市场监督管理局 without an online form, so these tests are about the case, not the form.
const ITEM_NAME = '特种设备使用登记'
const ITEM = demoItemCode(ITEM_NAME)
const ITEM_ANSWERS = answerWithFirstOptions(ITEM_NAME)
let app: TestApp
let citizen: Session
let otherCitizen: Session
let clerk: Session
let secondClerk: Session
let marketReviewer: Session
let healthReviewer: Session
let marketLeader: Session

beforeAll(async () => {
  app = await startTestApp({ seedCatalog: true })
  ;[citizen, otherCitizen, clerk, secondClerk, marketReviewer, healthReviewer, marketLeader] = await Promise.all([
    loginAs(app, 'sunxiaomei'),
    loginAs(app, 'zhoujianguo'),
    loginAs(app, 'zhangmin'),
    loginAs(app, 'xuhui'),
    loginAs(app, 'liqiang'),
    loginAs(app, 'liuyang'),
    loginAs(app, 'wangfang'),
  ])
}, 120_000)
afterAll(async () => {
  await app?.close()
})

async function givenSubmittedCase(): Promise<string> {
  const draft = await citizen.request({
    method: 'POST',
    url: '/api/cases',
    payload: { itemCode: ITEM, answers: ITEM_ANSWERS, formData: { shopName: '虞山晓梅小吃店' } },
  })
  expect(draft.statusCode).toBe(201)
  const id = draft.json().id as string
  expect((await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })).statusCode).toBe(200)
  return id
}

async function countRows(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await app.db.query<{ count: number }>(sql, params)
  return Number(rows[0]?.count)
}

const countEvents = (caseId: string, action: string) =>
  countRows('SELECT count(*)::int AS count FROM cases.case_events WHERE case_id = $1 AND action = $2', [caseId, action])

const countAudit = (caseId: string, action: string) =>
  countRows(
    `SELECT count(*)::int AS count FROM (
       SELECT target, action, result FROM audit.records UNION ALL SELECT target, action, result FROM audit.pending_records
     ) r WHERE target = $1 AND action = $2 AND result = 'success'`,
    [`case:${caseId}`, action],
  )

describe('an applicant applies online', () => {
  test('a citizen saves a draft, submits it once with an Idempotency-Key retried, and gets a readable case number', async () => {
    const draft = await citizen.request({
      method: 'POST',
      url: '/api/cases',
      payload: { itemCode: ITEM, answers: ITEM_ANSWERS },
    })
    const id = draft.json().id as string

    const headers = { 'idempotency-key': `submit-${id}` }
    const first = await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit`, headers })
    const retry = await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit`, headers })

    expect(draft.statusCode).toBe(201)
    expect(draft.json().number).toMatch(/^320581-\d{8}-\d{6}$/)
    expect(first.statusCode).toBe(200)
    expect(first.json().state).toBe('submitted')
    expect(retry.statusCode).toBe(200)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(await countEvents(id, 'submit')).toBe(1)
  })

  test('a draft saved half-way is kept, but submitting it asks for the unanswered situation questions', async () => {
    const draft = await citizen.request({ method: 'POST', url: '/api/cases', payload: { itemCode: ITEM } })

    const submitted = await citizen.request({ method: 'POST', url: `/api/cases/${draft.json().id}/submit` })

    expect(draft.statusCode).toBe(201)
    expect(submitted.statusCode).toBe(400)
    expect(submitted.json().code).toBe('CATALOG_ANSWERS_INVALID')
    expect(submitted.json().message).toContain('未回答')
  })

  test('submitting a case that is already submitted is refused with 409', async () => {
    const id = await givenSubmittedCase()

    const again = await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })

    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('CASE_STATE_CONFLICT')
  })

  test('a draft saved on another device in the meantime is not overwritten', async () => {
    const draft = await citizen.request({
      method: 'POST',
      url: '/api/cases',
      payload: { itemCode: ITEM, answers: ITEM_ANSWERS },
    })
    const { id, revision } = draft.json() as { id: string; revision: number }
    const onPhone = await citizen.request({
      method: 'PUT',
      url: `/api/cases/${id}/draft`,
      payload: { revision, formData: { shopName: '手机上填的' } },
    })

    const onDesktop = await citizen.request({
      method: 'PUT',
      url: `/api/cases/${id}/draft`,
      payload: { revision, formData: { shopName: '电脑上填的' } },
    })

    expect(onPhone.statusCode).toBe(200)
    expect(onPhone.json().formData).toEqual({ shopName: '手机上填的' })
    expect(onDesktop.statusCode).toBe(409)
    expect(onDesktop.json().code).toBe('CASE_DRAFT_CHANGED')
  })

  test('a case returned at pre-review is corrected and resubmitted; 我的办件 says what to do meanwhile', async () => {
    const id = await givenSubmittedCase()

    const returned = await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/pre-review/return`,
      payload: { reasons: ['缺少健康证明'] },
    })
    const mine = await citizen.request({ method: 'GET', url: '/api/cases/mine' })
    const resubmitted = await citizen.request({ method: 'POST', url: `/api/cases/${id}/resubmit` })

    expect(returned.json().state).toBe('returned')
    const listed = (mine.json().cases as { id: string; nextStep: string }[]).find((entry) => entry.id === id)
    expect(listed?.nextStep).toBe('按退回意见修改后重新提交')
    expect(resubmitted.json().state).toBe('submitted')
    expect(resubmitted.json().timeline.map((entry: { action: string }) => entry.action)).toEqual([
      'create',
      'submit',
      'return_for_changes',
      'resubmit',
    ])
  })
})

describe('who may see a case', () => {
  test('another applicant and a reviewer of another department get 404, the same as for a case that does not exist', async () => {
    const id = await givenSubmittedCase()

    const other = await otherCitizen.request({ method: 'GET', url: `/api/cases/${id}` })
    const otherDepartment = await healthReviewer.request({ method: 'GET', url: `/api/cases/${id}/file` })
    const missing = await healthReviewer.request({
      method: 'GET',
      url: '/api/cases/00000000-0000-4000-8000-000000000000/file',
    })
    const ownDepartment = await marketReviewer.request({ method: 'GET', url: `/api/cases/${id}/file` })

    expect(other.statusCode).toBe(404)
    expect(other.json().code).toBe('CASE_NOT_FOUND')
    expect(otherDepartment.statusCode).toBe(404)
    expect(otherDepartment.json()).toMatchObject({ code: missing.json().code, message: missing.json().message })
    expect(ownDepartment.statusCode).toBe(200)
    expect(ownDepartment.json().applicant.name).toBe('孙**')
    expect(ownDepartment.json().applicant.maskedIdNumber).toMatch(/^320\*+\d{3}[\dX]$/)
  })

  test('a reviewer of another department cannot act on the case either', async () => {
    const id = await givenSubmittedCase()

    const accept = await healthReviewer.request({ method: 'POST', url: `/api/cases/${id}/accept` })

    expect(accept.statusCode).toBe(404)
    expect(accept.json().code).toBe('CASE_NOT_FOUND')
  })

  test('the public look-up needs the applicant’s name and shows no personal data', async () => {
    const id = await givenSubmittedCase()
    const { number } = (await citizen.request({ method: 'GET', url: `/api/cases/${id}` })).json()

    const found = await app.app.inject({
      method: 'GET',
      url: `/api/cases/lookup?number=${number}&name=${encodeURIComponent('孙晓梅')}`,
    })
    const wrongName = await app.app.inject({
      method: 'GET',
      url: `/api/cases/lookup?number=${number}&name=${encodeURIComponent('孙晓')}`,
    })

    expect(found.statusCode).toBe(200)
    expect(found.json()).toMatchObject({ number, itemName: ITEM_NAME, stateLabel: '已提交，待预审' })
    expect(found.body).not.toContain('孙晓梅')
    expect(wrongName.statusCode).toBe(404)
  })

  test('revealing the applicant’s ID number is recorded in the audit trail', async () => {
    const id = await givenSubmittedCase()

    const revealed = await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/applicant/reveal`,
      payload: { reason: '核对申请人身份' },
    })

    expect(revealed.statusCode).toBe(200)
    expect(revealed.json().idNumber).toMatch(/^320581\d{11}[\dX]$/)
    expect(await countAudit(id, 'cases.applicant.reveal')).toBe(1)
  })
})

describe('handling a case', () => {
  test('two clerks accept the same case at once: one succeeds, the other gets 409; one history entry, one audit record', async () => {
    const id = await givenSubmittedCase()

    const answers = await Promise.all([
      clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` }),
      secondClerk.request({ method: 'POST', url: `/api/cases/${id}/accept` }),
    ])

    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409])
    expect(answers.find((answer) => answer.statusCode === 409)?.json().code).toBe('CASE_STATE_CONFLICT')
    expect(await countEvents(id, 'accept')).toBe(1)
    expect(await countAudit(id, 'cases.accept')).toBe(1)
  })

  test('an accepted case has a running clock and a due day', async () => {
    const id = await givenSubmittedCase()

    const accepted = await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })
    const notices = await citizen.request({ method: 'GET', url: `/api/cases/${id}/notices` })
    const messages = await citizen.request({ method: 'GET', url: '/api/notifications/messages' })

    expect(notices.json().map((notice: { title: string }) => notice.title)).toEqual(['收件凭证', '受理通知书'])
    expect(JSON.stringify(messages.json())).toContain(`${accepted.json().number}`)
    expect(accepted.json().state).toBe('accepted')
    expect(accepted.json().clock).toMatchObject({ daysUsed: 0, isPaused: false })
    expect(accepted.json().clock.dueOn > accepted.json().clock.acceptedOn).toBe(true)
  })

  test('a supplement is requested once: the second request is refused, and the applicant’s supplement resumes the case', async () => {
    const id = await givenSubmittedCase()
    await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })

    const requested = await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/supplement-request`,
      payload: { items: ['从业人员健康证明', '食品安全管理制度'] },
    })
    const again = await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/supplement-request`,
      payload: { items: ['营业执照'] },
    })
    const supplied = await citizen.request({ method: 'POST', url: `/api/cases/${id}/supplement`, payload: {} })

    expect(requested.json().state).toBe('supplement_requested')
    expect(requested.json().supplementItems).toEqual(['从业人员健康证明', '食品安全管理制度'])
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('CASE_SUPPLEMENT_ALREADY_REQUESTED')
    expect(supplied.json().state).toBe('accepted')
  })

  test('not accepting needs a reason and a legal basis', async () => {
    const id = await givenSubmittedCase()

    const withoutBasis = await clerk.request({
      method: 'POST',
      url: `/api/cases/${id}/not-accept`,
      payload: { reason: '不属于本机关职权范围' },
    })
    const withBasis = await clerk.request({
      method: 'POST',
      url: `/api/cases/${id}/not-accept`,
      payload: { reason: '不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项' },
    })

    expect(withoutBasis.statusCode).toBe(400)
    expect(withBasis.json().state).toBe('not_accepted')
    expect(withBasis.json().remedies).toContain('六十日内')
  })

  test('a denial states reasons, legal basis and remedies; the applicant can no longer withdraw', async () => {
    const id = await givenSubmittedCase()
    await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })

    const bare = await marketLeader.request({
      method: 'POST',
      url: `/api/cases/${id}/decision`,
      payload: { decision: 'denied', reasons: '经营场所不符合要求' },
    })
    const denied = await marketLeader.request({
      method: 'POST',
      url: `/api/cases/${id}/decision`,
      payload: { decision: 'denied', reasons: '经营场所不符合要求', legalBasis: '《食品经营许可和备案管理办法》' },
    })
    const withdraw = await citizen.request({ method: 'POST', url: `/api/cases/${id}/withdraw`, payload: {} })

    expect(bare.statusCode).toBe(400)
    expect(bare.json().code).toBe('CASE_REASON_REQUIRED')
    expect(denied.json().state).toBe('denied')
    expect(denied.json().remedies).toMatch(/六十日内.*行政复议.*六个月内.*行政诉讼/)
    expect(withdraw.statusCode).toBe(409)
  })

  test('a granted case is concluded and delivered by post with its tracking number', async () => {
    const id = await givenSubmittedCase()
    await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })
    await marketLeader.request({ method: 'POST', url: `/api/cases/${id}/decision`, payload: { decision: 'granted' } })
    await clerk.request({ method: 'POST', url: `/api/cases/${id}/conclude` })

    const noNumber = await clerk.request({
      method: 'POST',
      url: `/api/cases/${id}/delivery`,
      payload: { method: 'post' },
    })
    const delivered = await clerk.request({
      method: 'POST',
      url: `/api/cases/${id}/delivery`,
      payload: { method: 'post', trackingNumber: 'EMS1234567890' },
    })
    const seen = await citizen.request({ method: 'GET', url: `/api/cases/${id}` })

    expect(noNumber.statusCode).toBe(400)
    expect(delivered.json().state).toBe('delivered')
    expect(seen.json().deliveryTrackingNumber).toBe('EMS1234567890')
    expect(
      seen
        .json()
        .timeline.map((entry: { action: string }) => entry.action)
        .slice(-4),
    ).toEqual(['accept', 'grant', 'conclude', 'deliver'])
  })

  test('a hearing stops the clock until it ends; it cannot start before the case is accepted', async () => {
    const id = await givenSubmittedCase()
    const tooEarly = await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/special-procedure/start`,
      payload: { kind: 'hearing', reason: '申请人要求听证' },
    })
    await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })

    const started = await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/special-procedure/start`,
      payload: { kind: 'hearing', reason: '申请人要求听证' },
    })
    const ended = await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/special-procedure/end`,
      payload: { note: '听证已结束' },
    })

    expect(tooEarly.statusCode).toBe(409)
    expect(started.json().state).toBe('special_procedure')
    expect(ended.json().state).toBe('accepted')
    expect(ended.json().timeline.at(-2)).toMatchObject({
      reason: '申请人要求听证',
      detail: { procedureKind: 'hearing' },
    })
  })

  test('the applicant withdraws before a decision; staff can then no longer accept it', async () => {
    const id = await givenSubmittedCase()

    const withdrawn = await citizen.request({
      method: 'POST',
      url: `/api/cases/${id}/withdraw`,
      payload: { note: '不再需要' },
    })
    const accept = await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })

    expect(withdrawn.json().state).toBe('withdrawn')
    expect(accept.statusCode).toBe(409)
  })

  test('a reviewer cannot decide: that is the department leader’s', async () => {
    const id = await givenSubmittedCase()
    await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })

    const decided = await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/decision`,
      payload: { decision: 'granted' },
    })

    expect(decided.statusCode).toBe(403)
  })
})

describe('staff lists', () => {
  test('a department sees its cases with counts per state; another department’s list does not show them', async () => {
    const id = await givenSubmittedCase()

    const own = await marketReviewer.request({ method: 'GET', url: '/api/cases/handling?state=submitted' })
    const other = await healthReviewer.request({ method: 'GET', url: '/api/cases/handling' })

    expect((own.json().cases as { id: string }[]).map((entry) => entry.id)).toContain(id)
    expect(own.json().counts.submitted).toBeGreaterThan(0)
    expect((other.json().cases as { id: string }[]).map((entry) => entry.id)).not.toContain(id)
  })
})

describe('the window and agents', () => {
  test('a clerk registers a walk-in applicant, whose account then shows the case', async () => {
    const registered = await clerk.request({
      method: 'POST',
      url: '/api/cases/window',
      payload: {
        itemCode: ITEM,
        answers: ITEM_ANSWERS,
        identityChecked: true,
        applicant: { kind: 'person', name: '周建国', idNumber: '320581196807150315', phone: '15950083214' },
      },
    })
    const mine = await otherCitizen.request({ method: 'GET', url: '/api/cases/mine' })

    expect(registered.statusCode).toBe(201)
    expect(registered.json()).toMatchObject({ state: 'submitted', channel: 'window', isFiledForApplicant: true })
    expect(registered.json().applicant).toMatchObject({ name: '周**', hasAccount: true, maskedPhone: '159****3214' })
    expect((mine.json().cases as { id: string }[]).map((entry) => entry.id)).toContain(registered.json().id)
  })

  test('a walk-in with a wrong ID number check digit is refused with a Chinese message', async () => {
    const registered = await clerk.request({
      method: 'POST',
      url: '/api/cases/window',
      payload: {
        itemCode: ITEM,
        answers: ITEM_ANSWERS,
        identityChecked: true,
        applicant: { kind: 'person', name: '周建国', idNumber: '320581196807150310' },
      },
    })

    expect(registered.statusCode).toBe(400)
    expect(registered.json().code).toBe('CASE_APPLICANT_INVALID')
  })

  test('an agent files for someone with a recorded authorization; the applicant sees it and submits it', async () => {
    const filed = await clerk.request({
      method: 'POST',
      url: '/api/cases/agent',
      payload: {
        itemCode: ITEM,
        answers: ITEM_ANSWERS,
        authorization: '授权委托书（2026 年 12 月 8 日签署）',
        applicant: { kind: 'person', name: '周建国', idNumber: '320581196807150315' },
      },
    })
    const id = filed.json().id as string

    const submitted = await otherCitizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })
    const stranger = await citizen.request({ method: 'GET', url: `/api/cases/${id}` })

    expect(filed.statusCode).toBe(201)
    expect(filed.json()).toMatchObject({ channel: 'agent', state: 'draft', isFiledForApplicant: true })
    expect(submitted.json().state).toBe('submitted')
    expect(stranger.statusCode).toBe(404)
  })

  test('a department reviewer cannot register window cases', async () => {
    const registered = await marketReviewer.request({
      method: 'POST',
      url: '/api/cases/window',
      payload: {
        itemCode: ITEM,
        answers: ITEM_ANSWERS,
        identityChecked: true,
        applicant: { kind: 'person', name: '周建国', idNumber: '320581196807150315' },
      },
    })

    expect(registered.statusCode).toBe(403)
  })
})

describe('opinions', () => {
  test('a leader keeps the department’s 常用意见 and reviewers pick from them; a reviewer records 同意 on the case file', async () => {
    const id = await givenSubmittedCase()
    await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })

    const added = await marketLeader.request({
      method: 'POST',
      url: '/api/cases/common-opinions',
      payload: { text: '材料齐全，符合法定形式，同意' },
    })
    const listed = await marketLeader.request({ method: 'GET', url: '/api/cases/common-opinions' })
    const reviewed = await marketLeader.request({
      method: 'POST',
      url: `/api/cases/${id}/reviews`,
      payload: { outcome: 'agree', opinion: '材料齐全，符合法定形式，同意' },
    })
    const file = await marketLeader.request({ method: 'GET', url: `/api/cases/${id}/file` })

    expect(added.statusCode).toBe(201)
    expect(listed.json().map((entry: { text: string }) => entry.text)).toContain('材料齐全，符合法定形式，同意')
    expect(reviewed.statusCode).toBe(201)
    expect(file.json().opinions).toMatchObject([{ outcomeLabel: '同意', reviewerName: '王芳' }])
  })
})
