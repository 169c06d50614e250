import { describe, expect, test } from 'vitest'
import { DEMO_ITEMS } from '../../catalog/index.js'
import { buildIdNumberCheckCharacter, buildUsccCheckCharacter } from '../../identity/index.js'
import { DEMO_APPLICATION_FORMS } from '../application-form/index.js'
import { type PreReviewInput, runPreReview } from './index.js'

const idNumber = (first17 = '32058119900101123') => `${first17}${buildIdNumberCheckCharacter(first17)}`
const uscc = (first17 = '92320581MA2N7C3L0') => `${first17}${buildUsccCheckCharacter(first17)}`
const withWrongLastCharacter = (value: string) => `${value.slice(0, 17)}${value.endsWith('1') ? '2' : '1'}`

function demoItem(name: string) {
  const guide = DEMO_ITEMS.find((item) => item.name === name)
  if (!guide) throw new Error(`no demo item ${name}`)
  return { code: guide.code, version: 1, departmentName: '常熟市市场监督管理局', guide }
}

const foodLicenceForm = DEMO_APPLICATION_FORMS.食品经营许可证核发 ?? null
const address = { divisionCode: '320581', detail: '虞山街道书院街 126 号' }

/** A new small restaurant run by a 个体工商户 owner, applying herself, with everything in order. */
function givenFoodLicenceApplication(overrides: Partial<PreReviewInput> = {}): PreReviewInput {
  return {
    item: demoItem('食品经营许可证核发'),
    answers: { 'apply-type': 'new', scope: ['hot-meals'], delegate: 'self' },
    form: foodLicenceForm,
    formData: {
      operatorName: '常熟市虞山晓梅小吃店',
      uscc: uscc(),
      legalRepresentative: '孙晓梅',
      representativeIdNumber: idNumber(),
      residence: address,
      premises: address,
      businessType: '餐饮服务经营者（小型餐馆）',
      businessItems: ['热食类食品制售'],
      sellsOnline: '否',
      safetyManagers: [{ name: '孙晓梅', idNumber: idNumber(), phone: '13800006637' }],
      contactPhone: '13800006637',
    },
    materialIds: [
      'application-new',
      'business-licence',
      'legal-representative-id',
      'layout',
      'safety-rules',
      'kitchen-layout',
    ],
    applicant: { kind: 'person', name: '孙晓梅', idNumber: idNumber() },
    now: new Date('2026-12-08T02:00:00Z'),
    ...overrides,
  }
}

const failed = (input: PreReviewInput) => runPreReview(input).filter((check) => !check.passed)

describe('pre-review of a 食品经营许可证核发 application', () => {
  test('a complete application passes every check, and the reviewer sees what was checked', () => {
    const checks = runPreReview(givenFoodLicenceApplication())

    expect(checks.filter((check) => !check.passed)).toEqual([])
    expect(checks.map((check) => check.message)).toEqual(
      expect.arrayContaining(['本事项受理个人申请', '已提交“食品经营许可申请书”', '申请表填写完整']),
    )
  })

  test('a missing kitchen layout, required because the shop cooks hot meals, fails with its name', () => {
    const input = givenFoodLicenceApplication()

    const result = failed({ ...input, materialIds: input.materialIds.filter((id) => id !== 'kitchen-layout') })

    expect(result).toEqual([
      expect.objectContaining({
        rule: 'material_present',
        subject: 'kitchen-layout',
        message: '缺少“加工制作场所（厨房）布局流程图及排烟、油烟净化设施说明”',
      }),
    ])
  })

  test('delegating to an agent requires the power of attorney and the agent’s ID card', () => {
    const result = failed(
      givenFoodLicenceApplication({ answers: { 'apply-type': 'new', scope: ['hot-meals'], delegate: 'agent' } }),
    )

    expect(result.map((check) => check.message)).toEqual(['缺少“授权委托书”', '缺少“受托人居民身份证”'])
  })

  test('an unanswered situation question fails the situations check', () => {
    const result = failed(givenFoodLicenceApplication({ answers: { 'apply-type': 'new', scope: ['hot-meals'] } }))

    expect(result).toEqual([expect.objectContaining({ rule: 'situations_answered' })])
    expect(result[0]?.message).toContain('是否委托他人代为办理')
  })

  test('a wrong check digit in a form ID number fails and shows the number masked only', () => {
    const input = givenFoodLicenceApplication()
    const wrong = withWrongLastCharacter(idNumber())
    const formData = {
      ...(input.formData as object),
      safetyManagers: [{ name: '孙晓梅', idNumber: wrong, phone: '13800006637' }],
    }

    const result = failed({ ...input, formData })

    expect(result).toEqual([
      expect.objectContaining({ rule: 'form_id_number_valid', subject: '/safetyManagers/0/idNumber' }),
    ])
    expect(result[0]?.message).toBe(
      `“食品安全管理人员 › 第 1 项 › 居民身份证号码”（320***********${wrong.slice(-4)}）校验位不正确`,
    )
    expect(result[0]?.message).not.toContain(wrong)
  })

  test('an invalid 统一社会信用代码 in the form and a form ID number not the applicant’s own both fail', () => {
    const input = givenFoodLicenceApplication()
    const formData = {
      ...(input.formData as object),
      uscc: withWrongLastCharacter(uscc()),
      representativeIdNumber: idNumber('11010519491231002'),
    }

    const rules = failed({ ...input, formData }).map((check) => check.rule)

    expect(rules).toEqual(['form_uscc_valid', 'applicant_matches_form'])
  })

  test('an organization applicant with a bad code is refused, and a person may not apply for a company-only item', () => {
    const company = failed(
      givenFoodLicenceApplication({
        applicant: { kind: 'organization', name: '晓梅小吃店', uscc: withWrongLastCharacter(uscc()) },
      }),
    )
    const companyOnly = demoItem('企业设立登记')
    const person = failed(
      givenFoodLicenceApplication({
        item: { ...companyOnly, guide: { ...companyOnly.guide, subjects: ['legal_person'] } },
        answers: {},
        form: null,
        materialIds: [],
      }),
    )

    expect(company.map((check) => check.message)).toEqual([
      '申请单位统一社会信用代码不正确',
      '“统一社会信用代码”与申请单位的统一社会信用代码不一致',
    ])
    expect(person[0]).toMatchObject({
      rule: 'applicant_subject',
      message: '本事项只受理法人或其他组织的申请，请以单位身份申请',
    })
  })
})

describe('pre-review of dates', () => {
  const constructionForm = DEMO_APPLICATION_FORMS.建设工程规划许可证核发 ?? null
  const companyApplicant = {
    kind: 'organization' as const,
    name: '常熟市琴川纺织有限公司',
    uscc: uscc('91320581MA1XY2Z3A'),
  }
  const constructionData = (plannedStart: string, plannedCompletion: string) => ({
    builder: { name: '常熟市琴川纺织有限公司', uscc: companyApplicant.uscc, legalRepresentative: '周建国' },
    projectName: '3 号厂房',
    location: address,
    floorArea: 12600,
    landCertificate: '苏（2026）常熟市不动产权第 8012345 号',
    designer: '常熟市建筑设计研究院有限公司',
    designerUscc: uscc('91320581134567890'),
    plannedStart,
    plannedCompletion,
    contactName: '周建国',
    contactPhone: '15900003214',
  })

  test('a planned completion before the planned start fails the date check', () => {
    const item = demoItem('建设工程规划许可证核发')

    const checks = runPreReview({
      item,
      answers: {},
      form: constructionForm,
      formData: constructionData('2027-03-01', '2027-01-31'),
      materialIds: [],
      applicant: companyApplicant,
      now: new Date('2026-12-08T02:00:00Z'),
    })

    expect(checks.filter((check) => check.rule === 'dates_consistent')).toEqual([
      expect.objectContaining({ passed: false, message: '“计划竣工日期”（2027-01-31）早于开始日期（2027-03-01）' }),
    ])
    expect(checks.find((check) => check.rule === 'applicant_matches_form')).toMatchObject({ passed: true })
  })
})
