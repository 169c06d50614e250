import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import type { ApplicationForm } from './application-form.js'
import { findApplicationFormProblems } from './application-form-check.js'
import type { ItemVersion, PublishedItem } from './catalog.schemas.js'
import { getDemoItemCode } from './demo/demo-items.js'
import { guideWith } from './test-guides.js'

let app: TestApp
let marketEditor: Session
let centre: Session

beforeAll(async () => {
  app = await startTestApp()
  marketEditor = await loginAs(app, 'liqiang')
  centre = await loginAs(app, 'chenjing')
})
afterAll(async () => {
  await app.close()
})

function givenForm(extraField?: Record<string, unknown>): ApplicationForm {
  return {
    schema: {
      type: 'object',
      required: ['operatorName', 'uscc'],
      properties: {
        operatorName: { type: 'string', title: '经营者名称', maxLength: 100, 'x-prefill': 'company.name' },
        uscc: { type: 'string', title: '统一社会信用代码', format: 'uscc', 'x-prefill': 'company.uscc' },
        ...(extraField ? { extra: extraField } : {}),
      },
    },
    uiSchema: { uscc: { 'ui:widget': 'uscc' } },
  }
}

describe('the application form of an item version', () => {
  const guide = guideWith({ code: 'SP-FORM-1' })

  test('a form saved with the draft is published with the version and read by the public unchanged', async () => {
    const created = await marketEditor.request({ method: 'POST', url: '/api/catalog/items', payload: { guide } })
    expect(created.statusCode, created.body).toBe(201)
    expect((created.json() as ItemVersion).applicationForm).toBeNull()

    const saved = await marketEditor.request({
      method: 'PUT',
      url: `/api/catalog/items/${guide.code}/draft`,
      payload: { guide, applicationForm: givenForm() },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    await marketEditor.request({ method: 'POST', url: `/api/catalog/items/${guide.code}/submit` })
    const published = await centre.request({ method: 'POST', url: `/api/catalog/items/${guide.code}/publish` })

    expect(published.statusCode, published.body).toBe(200)
    const reading = (await app.app.inject({ url: `/api/catalog/items/${guide.code}` })).json() as PublishedItem
    expect(reading.applicationForm).toEqual(givenForm())
  })

  test('editing the guide of a published item keeps its form in the new draft, and the old version keeps its own', async () => {
    const edited = { ...guide, timeLimit: { ...guide.timeLimit, promisedDays: 3 } }

    const draft = await marketEditor.request({
      method: 'PUT',
      url: `/api/catalog/items/${guide.code}/draft`,
      payload: { guide: edited },
    })
    const changed = await marketEditor.request({
      method: 'PUT',
      url: `/api/catalog/items/${guide.code}/draft`,
      payload: { guide: edited, applicationForm: givenForm({ type: 'string', title: '经营场所' }) },
    })

    expect(draft.json()).toMatchObject({ version: 2, applicationForm: givenForm() })
    expect(changed.json()).toMatchObject({
      version: 2,
      applicationForm: givenForm({ type: 'string', title: '经营场所' }),
    })
    const first = (await app.services.catalog.getItemVersion(guide.code, 1)).applicationForm
    expect(first).toEqual(givenForm())
    const diff = await marketEditor.request({ url: `/api/catalog/items/${guide.code}/versions/1/diff/2` })
    expect(diff.json()).toMatchObject({
      changes: expect.arrayContaining([
        {
          path: 'applicationForm',
          label: '申请表',
          kind: 'changed',
          before: '2 个字段：经营者名称、统一社会信用代码',
          after: '3 个字段：经营者名称、统一社会信用代码、经营场所',
        },
      ]),
    })
  })

  test('a form with a remote $ref, a script widget or an unknown keyword is refused with 400 and its reasons', async () => {
    const bad: ApplicationForm = {
      schema: {
        type: 'object',
        properties: {
          name: { $ref: 'https://evil.example/schema.json' },
          note: { type: 'string', title: '备注', instanceof: 'Function' },
        },
      },
      uiSchema: { name: { 'ui:widget': 'html' } },
    }

    const response = await marketEditor.request({
      method: 'PUT',
      url: `/api/catalog/items/${guide.code}/draft`,
      payload: { guide, applicationForm: bad },
    })

    expect(response.statusCode).toBe(400)
    const body = response.json() as { code: string; message: string }
    expect(body.code).toBe('CATALOG_APPLICATION_FORM_INVALID')
    expect(body.message).toContain('#/definitions/')
    expect(body.message).toContain('instanceof')
    expect(body.message).toContain('html')
    const current = (await marketEditor.request({ url: `/api/catalog/items/${guide.code}/draft` })).json()
    expect((current as ItemVersion).applicationForm).toEqual(givenForm({ type: 'string', title: '经营场所' }))
  })

  test('a submitted version cannot have its form changed', async () => {
    await marketEditor.request({ method: 'POST', url: `/api/catalog/items/${guide.code}/submit` })

    const response = await marketEditor.request({
      method: 'PUT',
      url: `/api/catalog/items/${guide.code}/draft`,
      payload: { guide, applicationForm: null },
    })

    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({ code: 'CATALOG_VERSION_UNDER_REVIEW' })
  })
})

describe('the demo county', () => {
  test('食品经营许可证核发 is published with its online application form', async () => {
    const code = getDemoItemCode('食品经营许可证核发')
    const demo = await startTestApp({ seedCatalog: true })

    const reading = (await demo.app.inject({ url: `/api/catalog/items/${code}` })).json() as PublishedItem
    await demo.close()

    const fields = reading.applicationForm?.schema.properties as Record<string, { title?: string }>
    expect(fields.operatorName?.title).toBe('经营者名称')
    expect(fields.safetyManagers?.title).toBe('食品安全管理人员')
  })
})

describe('checking a form definition', () => {
  test('a form that names an unknown format, a missing definition or an unknown prefill source is refused', () => {
    const problems = findApplicationFormProblems({
      schema: {
        type: 'object',
        properties: {
          a: { type: 'string', format: 'credit-card' },
          b: { $ref: '#/definitions/missing' },
          c: { type: 'string', 'x-prefill': 'applicant.bankAccount' },
        },
      },
      uiSchema: {},
    })

    expect(problems.join('\n')).toContain('credit-card')
    expect(problems.join('\n')).toContain('预填来源')
  })

  test('a form over the size limit is refused before it is walked', () => {
    const properties = Object.fromEntries(
      Array.from({ length: 400 }, (_, index) => [`f${index}`, { type: 'string', title: '很长的字段名称'.repeat(10) }]),
    )

    const problems = findApplicationFormProblems({ schema: { type: 'object', properties }, uiSchema: {} })

    expect(problems[0]).toMatch(/申请表定义过大/)
  })

  test('a root that is not an object form is refused', () => {
    expect(findApplicationFormProblems({ schema: { type: 'string' }, uiSchema: {} })[0]).toContain('根应当是')
  })
})
