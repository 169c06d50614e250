import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { DEMO_DEPARTMENTS } from '../../../demo/demo-organization.js'
import { validateGuide } from '../guide-validation.js'
import { buildOneTimeNotice, findAnswerProblems } from '../one-time-notice.js'
import { DEMO_ITEMS, getDemoItemCode } from './demo-items.js'

const meta = { itemVersion: 1, departmentName: '常熟市市场监督管理局' }
const itemNamed = (name: string) => DEMO_ITEMS.find((item) => item.name === name) ?? DEMO_ITEMS[0]
const materialNames = (name: string, answers: Record<string, string | string[]>) =>
  buildOneTimeNotice(itemNamed(name) as (typeof DEMO_ITEMS)[number], answers, meta).materials.map((m) => m.name)

describe('the demo implementation list', () => {
  test('has at least 60 items with unique codes, each a valid, complete guide of a demo department', () => {
    const departmentCodes = new Set(DEMO_DEPARTMENTS.map((department) => department.code))

    const problems = DEMO_ITEMS.flatMap((item) => validateGuide(item).problems.map((p) => `${item.name}: ${p}`))

    expect(problems).toEqual([])
    expect(DEMO_ITEMS.length).toBeGreaterThanOrEqual(60)
    expect(new Set(DEMO_ITEMS.map((item) => item.code)).size).toBe(DEMO_ITEMS.length)
    for (const item of DEMO_ITEMS) {
      expect(departmentCodes.has(item.departmentCode), item.name).toBe(true)
      expect(item.legalBasis.length * item.conditions.length * item.materials.length, item.name).toBeGreaterThan(0)
      expect(item.processSteps.length * item.locations.length * item.keywords.length, item.name).toBeGreaterThan(0)
    }
  })

  test('every department of the centre has items, and at least 10 items ask real situation questions', () => {
    const withTrees = DEMO_ITEMS.filter((item) => item.situations.some((question) => question.id !== 'delegate'))

    expect(withTrees.length).toBeGreaterThanOrEqual(10)
    const departments = new Set(DEMO_ITEMS.map((item) => item.departmentCode))
    for (const code of ['320581-XZSP', '320581-SCJG', '320581-WSJK', '320581-ZJ', '320581-ZRZY', '320581-GA']) {
      expect(departments.has(code), code).toBe(true)
    }
    for (const code of ['320581-RS', '320581-MZ', '320581-ZWFW']) expect(departments.has(code), code).toBe(true)
  })
})

describe('situation trees produce exact material lists', () => {
  test('a new restaurant run by an agent must bring the kitchen layout and the power of attorney', () => {
    const names = materialNames('食品经营许可证核发', {
      'apply-type': 'new',
      scope: ['hot-meals'],
      delegate: 'agent',
    })

    expect(names).toEqual([
      '食品经营许可申请书',
      '营业执照',
      '法定代表人（负责人）居民身份证',
      '与食品经营相适应的主要设备设施、经营布局、操作流程等文件',
      '食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度目录清单',
      '加工制作场所（厨房）布局流程图及排烟、油烟净化设施说明',
      '授权委托书',
      '受托人居民身份证',
    ])
  })

  test('a renewal of the food licence is instant and asks for the old licence, not the layout', () => {
    const notice = buildOneTimeNotice(
      itemNamed('食品经营许可证核发') as (typeof DEMO_ITEMS)[number],
      { 'apply-type': 'renewal', delegate: 'self' },
      meta,
    )

    expect(notice.timeLimit.kind).toBe('instant')
    expect(notice.materials.map((m) => m.id)).toEqual([
      'application-renewal',
      'business-licence',
      'legal-representative-id',
      'original-licence',
      'unchanged-statement',
    ])
  })

  test('a damaged ID card costs 40 yuan, an expired one 20, and a minor brings the guardian', () => {
    const item = itemNamed('居民身份证换领') as (typeof DEMO_ITEMS)[number]
    const damaged = buildOneTimeNotice(item, { reason: 'damaged', age: 'minor', registered: 'local' }, meta)
    const expired = buildOneTimeNotice(item, { reason: 'expired', age: 'adult', registered: 'local' }, meta)

    expect(damaged.fee).toMatchObject({ kind: 'charged', items: [{ amountYuan: 40 }] })
    expect(expired.fee).toMatchObject({ kind: 'charged', items: [{ amountYuan: 20 }] })
    expect(damaged.materials.map((m) => m.id)).toContain('guardian-id')
    expect(expired.materials.map((m) => m.id)).toEqual(['old-id', 'household'])
  })

  test('a second-hand flat bought with a loan needs the sale contract and the mortgage contract', () => {
    const ids = buildOneTimeNotice(
      itemNamed('国有建设用地使用权及房屋所有权登记') as (typeof DEMO_ITEMS)[number],
      { kind: 'transfer', reason: 'sale', loan: 'yes', usage: 'residential', delegate: 'self' },
      meta,
    ).materials.map((m) => m.id)

    expect(ids).toEqual(['application', 'applicant-id', 'ownership', 'sale-contract', 'tax', 'mortgage', 'marriage'])
  })

  test('a divorced person marrying a foreigner is told to bring the divorce papers and the consular certificate', () => {
    const names = materialNames('结婚登记', { previous: ['divorced'], nationality: 'foreign' })

    expect(names).toContain('离婚证或人民法院生效的离婚判决书、调解书')
    expect(names.some((name) => name.includes('使（领）馆认证'))).toBe(true)
    expect(names).not.toContain('原配偶死亡证明或人民法院宣告死亡的判决书')
  })

  test('every answer set built from the first option of each visible question is accepted', () => {
    for (const item of DEMO_ITEMS) {
      const answers: Record<string, string | string[]> = {}
      for (const question of item.situations) {
        const shown =
          !question.showWhen ||
          [answers[question.showWhen.questionId]].flat().some((id) => question.showWhen?.optionIds.includes(id ?? ''))
        if (!shown) continue
        const first = question.options[0]?.id ?? ''
        answers[question.id] = question.kind === 'multiple' ? [first] : first
      }
      expect(findAnswerProblems(item, answers), item.name).toEqual([])
    }
  })

  test('item names used by the relevance list resolve to codes', () => {
    expect(getDemoItemCode('食品经营许可证核发')).toMatch(/^11320581/)
  })
})

test('the most used demo items offer a blank form and a filled sample that exist as portal files', () => {
  const publicDir = path.resolve(import.meta.dirname, '../../../web/public')

  const withForms = DEMO_ITEMS.flatMap((item) => item.materials.filter((m) => m.blankForm && m.sample))

  expect(withForms.length).toBeGreaterThanOrEqual(8)
  for (const material of withForms) {
    expect(existsSync(path.join(publicDir, material.blankForm?.url ?? '')), material.name).toBe(true)
    expect(existsSync(path.join(publicDir, material.sample?.url ?? '')), material.name).toBe(true)
  }
})
