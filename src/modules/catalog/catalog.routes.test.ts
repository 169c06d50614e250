import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildPdf } from '../../platform/upload/test-corpus.js'
import { buildMultipart } from '../../test-support/multipart.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import type { ItemGuide, ItemVersion, OneTimeNotice, SearchResult, VersionDiff } from './catalog.schemas.js'
import { guideWith } from './test-guides.js'

let app: TestApp
let marketEditor: Session
let healthEditor: Session
let centre: Session

beforeAll(async () => {
  app = await startTestApp()
  marketEditor = await loginAs(app, 'liqiang')
  healthEditor = await loginAs(app, 'liuyang')
  centre = await loginAs(app, 'chenjing')
})
afterAll(async () => {
  await app.close()
})

async function createAndPublish(guide: ItemGuide, editor = marketEditor) {
  const created = await editor.request({ method: 'POST', url: '/api/catalog/items', payload: { guide } })
  expect(created.statusCode, created.body).toBe(201)
  const submitted = await editor.request({ method: 'POST', url: `/api/catalog/items/${guide.code}/submit` })
  expect(submitted.statusCode, submitted.body).toBe(200)
  const published = await centre.request({ method: 'POST', url: `/api/catalog/items/${guide.code}/publish` })
  expect(published.statusCode, published.body).toBe(200)
  return published.json() as ItemVersion
}

describe('editorial lifecycle', () => {
  const guide = guideWith({ code: 'SP-LIFECYCLE-1' })

  test('an editor creates a draft, submits it, the centre publishes it and the public can read it', async () => {
    const published = await createAndPublish(guide)

    expect(published).toMatchObject({ version: 1, status: 'published', departmentName: '常熟市市场监督管理局' })
    const reading = await app.app.inject({ method: 'GET', url: `/api/catalog/items/${guide.code}` })
    expect(reading.statusCode).toBe(200)
    expect(reading.json()).toMatchObject({ version: 1, guide: { name: '食品经营许可证核发' } })
  })

  test('editing a published item makes a new draft; publishing it keeps the previous version readable', async () => {
    const edited = { ...guide, timeLimit: { ...guide.timeLimit, promisedDays: 3 } }

    const saved = await marketEditor.request({
      method: 'PUT',
      url: `/api/catalog/items/${guide.code}/draft`,
      payload: { guide: edited },
    })
    expect(saved.json()).toMatchObject({ version: 2, status: 'draft' })
    expect((await app.app.inject({ url: `/api/catalog/items/${guide.code}` })).json()).toMatchObject({ version: 1 })
    await marketEditor.request({ method: 'POST', url: `/api/catalog/items/${guide.code}/submit` })
    await centre.request({ method: 'POST', url: `/api/catalog/items/${guide.code}/publish` })

    expect((await app.app.inject({ url: `/api/catalog/items/${guide.code}` })).json()).toMatchObject({ version: 2 })
    const old = await marketEditor.request({ url: `/api/catalog/items/${guide.code}/versions/1` })
    expect(old.json()).toMatchObject({ status: 'superseded', guide: { timeLimit: { promisedDays: 5 } } })
    const diff = (
      await marketEditor.request({ url: `/api/catalog/items/${guide.code}/versions/1/diff/2` })
    ).json() as VersionDiff
    expect(diff.changes).toEqual([
      expect.objectContaining({
        path: 'timeLimit',
        label: '办结时限',
        before: expect.objectContaining({ promisedDays: 5 }),
      }),
    ])
    expect((await app.services.catalog.getItemVersion(guide.code, 1)).guide.timeLimit.promisedDays).toBe(5)
  })

  test('a 卫生健康委员会 editor cannot edit a 市场监督管理局 item', async () => {
    const response = await healthEditor.request({
      method: 'PUT',
      url: `/api/catalog/items/${guide.code}/draft`,
      payload: { guide },
    })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ code: 'CATALOG_NOT_YOUR_DEPARTMENT', requestId: expect.any(String) })
  })

  test('a 市场监督管理局 editor cannot edit a 卫生健康委员会 item, nor create one', async () => {
    const healthGuide = guideWith({ code: 'WS-LIFECYCLE-1', name: '医师执业注册', departmentCode: '320581-WSJK' })
    await createAndPublish(healthGuide, healthEditor)

    const edit = await marketEditor.request({
      method: 'PUT',
      url: `/api/catalog/items/${healthGuide.code}/draft`,
      payload: { guide: { ...healthGuide, name: '改名' } },
    })
    const create = await marketEditor.request({
      method: 'POST',
      url: '/api/catalog/items',
      payload: { guide: { ...healthGuide, code: 'WS-LIFECYCLE-2' } },
    })

    expect(edit.statusCode).toBe(403)
    expect(edit.json().code).toBe('CATALOG_NOT_YOUR_DEPARTMENT')
    expect(create.statusCode).toBe(403)
  })

  test('a department editor cannot publish; the centre can only publish what was submitted', async () => {
    const draft = guideWith({ code: 'SP-LIFECYCLE-2' })
    await marketEditor.request({ method: 'POST', url: '/api/catalog/items', payload: { guide: draft } })

    const byEditor = await marketEditor.request({ method: 'POST', url: `/api/catalog/items/${draft.code}/publish` })
    const unsubmitted = await centre.request({ method: 'POST', url: `/api/catalog/items/${draft.code}/publish` })

    expect(byEditor.statusCode).toBe(403)
    expect(unsubmitted.statusCode).toBe(409)
    expect(unsubmitted.json().code).toBe('CATALOG_WRONG_STATUS')
  })

  test('an item code is never reused, and a stale draft save is refused', async () => {
    const again = await marketEditor.request({ method: 'POST', url: '/api/catalog/items', payload: { guide } })
    const draft = (await marketEditor.request({ url: '/api/catalog/items/SP-LIFECYCLE-2/draft' })).json() as ItemVersion
    const first = await marketEditor.request({
      method: 'PUT',
      url: '/api/catalog/items/SP-LIFECYCLE-2/draft',
      payload: { guide: draft.guide, expectedRevision: draft.revision },
    })
    const stale = await marketEditor.request({
      method: 'PUT',
      url: '/api/catalog/items/SP-LIFECYCLE-2/draft',
      payload: { guide: draft.guide, expectedRevision: draft.revision },
    })

    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('CATALOG_ITEM_CODE_TAKEN')
    expect(first.statusCode).toBe(200)
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('CATALOG_DRAFT_CHANGED')
  })

  test('a guide whose situation points at a missing material is refused with the reason', async () => {
    const broken = guideWith({ code: 'SP-BROKEN' })
    broken.situations[0]?.options[0]?.effects.push({ kind: 'add_material', materialId: 'nope' })

    const response = await marketEditor.request({
      method: 'POST',
      url: '/api/catalog/items',
      payload: { guide: broken },
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'CATALOG_GUIDE_INVALID', message: expect.stringContaining('nope') })
  })

  test('the editor sees own department items; the centre sees the review queue', async () => {
    await marketEditor.request({ method: 'POST', url: '/api/catalog/items/SP-LIFECYCLE-2/submit' })

    const mine = (await marketEditor.request({ url: '/api/catalog/workbench/items' })).json() as { code: string }[]
    const queue = (await centre.request({ url: '/api/catalog/review-queue' })).json() as { code: string }[]

    expect(mine.map((item) => item.code).sort()).toEqual(['SP-LIFECYCLE-1', 'SP-LIFECYCLE-2'])
    expect(queue.map((item) => item.code)).toContain('SP-LIFECYCLE-2')
  })

  test('publishing is audited', async () => {
    const { rows } = await app.db.query<{ action: string }>(
      `SELECT action FROM audit.records WHERE target = 'item:SP-LIFECYCLE-1' ORDER BY seq`,
    )

    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['catalog.item.create', 'catalog.item.submit', 'catalog.item.publish']),
    )
  })
})

describe('search', () => {
  test('开饭店 finds 食品经营许可证核发 through the centre’s synonym, with the matched words highlighted', async () => {
    await createAndPublish(guideWith({ code: 'SP-SEARCH-1', keywords: [], aliases: [], lifeEvents: [] }))
    await createAndPublish(
      guideWith({
        code: 'SP-SEARCH-2',
        name: '个体工商户设立登记',
        aliases: [],
        keywords: ['开店'],
        lifeEvents: [],
        result: { kind: 'licence', name: '营业执照' },
      }),
    )
    const synonym = await centre.request({
      method: 'POST',
      url: '/api/catalog/synonyms',
      payload: { term: '开饭店', expansions: ['食品经营许可'] },
    })
    expect(synonym.statusCode).toBe(201)

    const response = await app.app.inject({ url: `/api/catalog/search?q=${encodeURIComponent('我想开饭店')}` })

    const result = response.json() as SearchResult
    expect(response.statusCode).toBe(200)
    expect(result.items[0]).toMatchObject({ name: '食品经营许可证核发', departmentName: '常熟市市场监督管理局' })
    expect(result.items.map((item) => item.code).indexOf('SP-SEARCH-2')).toBeGreaterThan(1)
    expect(result.synonyms).toEqual([{ term: '开饭店', expansions: ['食品经营许可'] }])
    const name = result.items[0]?.highlights.find((highlight) => highlight.field === 'name')
    expect(name?.segments.filter((segment) => segment.isMatch).map((segment) => segment.text)).toContain('食品经营许可')
  })

  test('filters narrow the results and an unknown filter value is a 400', async () => {
    const byTheme = await app.app.inject({ url: `/api/catalog/search?q=${encodeURIComponent('登记')}&theme=education` })
    const bad = await app.app.inject({ url: '/api/catalog/search?q=x&itemType=nonsense' })

    expect(byTheme.json().total).toBe(0)
    expect(bad.statusCode).toBe(400)
  })

  test('a typo in the name still finds the item', async () => {
    const response = await app.app.inject({ url: `/api/catalog/search?q=${encodeURIComponent('个体工商户设力登记')}` })

    expect((response.json() as SearchResult).items[0]?.code).toBe('SP-SEARCH-2')
  })

  test('a department editor may not manage synonyms', async () => {
    const response = await marketEditor.request({
      method: 'POST',
      url: '/api/catalog/synonyms',
      payload: { term: '办执照', expansions: ['设立登记'] },
    })

    expect(response.statusCode).toBe(403)
  })
})

describe('one-time notice', () => {
  test('answers produce a numbered notice that reopens by its number', async () => {
    const issued = await app.app.inject({
      method: 'POST',
      url: '/api/catalog/items/SP-SEARCH-1/notices',
      payload: { answers: { kind: 'change', changes: ['name'], agent: 'yes' } },
    })

    expect(issued.statusCode, issued.body).toBe(201)
    const notice = issued.json() as OneTimeNotice
    expect(notice.number).toMatch(/^CS-GZ-\d{8}-\d{6}$/)
    expect(notice.url).toMatch(new RegExp(`/notices/${notice.number}$`))
    expect(notice.notice.materials.map((material) => material.name)).toEqual([
      '食品经营许可申请书',
      '营业执照',
      '授权委托书',
      '受托人身份证件',
      '原食品经营许可证',
    ])
    const reopened = await app.app.inject({ url: `/api/catalog/notices/${notice.number}` })
    expect(reopened.json()).toEqual(notice)
    const pdf = await app.app.inject({ url: `/api/catalog/notices/${notice.number}.pdf` })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
  })

  test('answers that do not fit the question tree get a 400 naming the question', async () => {
    const response = await app.app.inject({
      method: 'POST',
      url: '/api/catalog/items/SP-SEARCH-1/notices',
      payload: { answers: { kind: 'new' } },
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      code: 'CATALOG_ANSWERS_INVALID',
      message: expect.stringContaining('agent'),
      details: [{ questionId: 'agent', reason: expect.any(String) }],
    })
  })

  test('an unknown notice number is a 404', async () => {
    const response = await app.app.inject({ url: '/api/catalog/notices/CS-GZ-20200101-999999' })

    expect(response.statusCode).toBe(404)
    expect(response.json().code).toBe('CATALOG_NOTICE_NOT_FOUND')
  })
})

describe('blank forms and samples', () => {
  const upload = (fileName: string, content: Buffer) => {
    const { payload, headers } = buildMultipart(fileName, content)
    return marketEditor.request({ method: 'POST', url: '/api/catalog/files?purpose=blankForm', payload, headers })
  }

  test('an uploaded blank form can be downloaded by an editor under its name, as an attachment', async () => {
    const pdf = await buildPdf()

    const response = await upload('申请书.pdf', pdf)

    expect(response.statusCode, response.body).toBe(201)
    const stored = response.json() as { url: string; fileName: string }
    expect(stored.fileName).toBe('申请书.pdf')
    const download = await marketEditor.request({ url: stored.url })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''%E7%94%B3/)
    expect(download.rawPayload.equals(pdf)).toBe(true)
  })

  test('a program or a file over 10 MB is refused with a 4xx and a reason', async () => {
    const program = await upload('setup.exe', Buffer.from('MZ'))
    expect(program.statusCode).toBe(422)
    expect(program.json()).toMatchObject({ code: 'UPLOAD_CONTENT_REFUSED', details: { reason: 'executable' } })

    const large = await upload('扫描件.pdf', Buffer.alloc(10 * 1024 * 1024 + 1, 1))
    expect(large.statusCode).toBe(413)
    expect(large.json().code).toBe('UPLOAD_TOO_LARGE')
  })
})
