import { describe, expect, test } from 'vitest'
import { APPLICATION_FORM_FORMATS, findApplicationFormProblems } from '../../catalog/index.js'
import { buildIdNumberCheckCharacter, buildUsccCheckCharacter } from '../../identity/index.js'
import { DEMO_APPLICATION_FORMS } from './demo-forms.js'
import { buildForm, buildFormFromEditorFields, kit, readEditorFields } from './field-kit.js'
import { KIT_FORMATS } from './form-formats.js'
import { buildFormPrefill, pruneApplicationFormData, validateApplicationForm } from './index.js'

/** A 居民身份证号码 with the right check digit for the given first 17 digits. */
const idNumber = (first17 = '32058119900101123') => `${first17}${buildIdNumberCheckCharacter(first17)}`
const uscc = (first17 = '92320581MA2N7C3L0') => `${first17}${buildUsccCheckCharacter(first17)}`
const withWrongLastCharacter = (value: string) => `${value.slice(0, 17)}${value.endsWith('1') ? '2' : '1'}`

const licenceForm = buildForm(
  {
    operatorName: kit.companyName('经营者名称', { prefill: 'company.name' }),
    uscc: kit.uscc('统一社会信用代码', { prefill: 'company.uscc' }),
    foundedOn: kit.date('成立日期', { notFuture: true }),
    validFrom: kit.date('有效期起'),
    validTo: kit.date('有效期至', { notBefore: 'validFrom' }),
    sellsOnline: kit.yesNo('是否通过网络经营'),
    managers: kit.repeat('食品安全管理人员', { name: kit.personName(), idNumber: kit.idNumber() }),
    phone: kit.mobilePhone('联系电话', { prefill: 'contact.phone' }),
  },
  [{ when: { field: 'sellsOnline', equals: '是' }, fields: { platform: kit.text('网络经营平台名称') } }],
)

function filled(overrides: Record<string, unknown> = {}) {
  return {
    operatorName: '常熟市虞山晓梅小吃店',
    uscc: uscc(),
    foundedOn: '2020-05-01',
    validFrom: '2026-01-01',
    validTo: '2031-12-31',
    sellsOnline: '否',
    managers: [{ name: '孙晓梅', idNumber: idNumber() }],
    phone: '13800006637',
    ...overrides,
  }
}

const messagesOf = (data: unknown, mode: 'draft' | 'submit' = 'submit') =>
  validateApplicationForm(licenceForm, data, { mode, now: new Date('2026-12-08T02:00:00Z') })

describe('the field kit formats', () => {
  test('a correctly filled form has no problems', () => {
    expect(messagesOf(filled())).toEqual([])
  })

  test('an ID number with a wrong check digit or an impossible birth date is refused, naming the row', () => {
    const problems = messagesOf(
      filled({
        managers: [
          { name: '孙晓梅', idNumber: idNumber() },
          { name: '周建国', idNumber: withWrongLastCharacter(idNumber()) },
          { name: '高雅婷', idNumber: idNumber('32058119900231123') },
        ],
      }),
    )

    expect(problems.map((problem) => problem.path)).toEqual(['/managers/1/idNumber', '/managers/2/idNumber'])
    expect(problems[0]?.message).toBe('“食品安全管理人员 › 第 2 项 › 居民身份证号码”校验位不正确，请核对是否输错')
    expect(problems[1]?.message).toContain('出生日期不存在')
  })

  test('a lower-case x as the last character of an ID number is accepted', () => {
    const upper = idNumber('11010519491231002')
    expect(upper.endsWith('X')).toBe(true)

    expect(messagesOf(filled({ managers: [{ name: '孙晓梅', idNumber: upper.toLowerCase() }] }))).toEqual([])
  })

  test('a 统一社会信用代码 with a wrong check character or a forbidden letter is refused', () => {
    expect(messagesOf(filled({ uscc: withWrongLastCharacter(uscc()) }))[0]).toMatchObject({
      path: '/uscc',
      rule: 'format',
      message: '“统一社会信用代码”不是有效的统一社会信用代码（18 位，校验位须正确）',
    })
    expect(messagesOf(filled({ uscc: 'I2320581MA2N7C3L0X' }))[0]?.rule).toBe('format')
  })

  test('a mobile number of 10 digits is refused', () => {
    expect(messagesOf(filled({ phone: '1380000663' }))[0]?.message).toBe('“联系电话”应为 11 位手机号码')
  })

  test('every format the catalog lets a form use is implemented by the kit', () => {
    expect([...KIT_FORMATS].sort()).toEqual([...APPLICATION_FORM_FORMATS].sort())
  })
})

describe('dates', () => {
  test('a founding date in the future and an end before the start are refused', () => {
    const problems = messagesOf(filled({ foundedOn: '2027-01-01', validTo: '2025-12-31' }))

    expect(problems.map((problem) => problem.message)).toEqual([
      '“成立日期”不能晚于今天（2026-12-08）',
      '“有效期至”不能早于“有效期起”（2026-01-01）',
    ])
  })

  test('30 February is not a date', () => {
    expect(messagesOf(filled({ validFrom: '2026-02-30' }))[0]?.message).toBe('“有效期起”应为有效日期（如 2026-01-31）')
  })
})

describe('conditional fields and repeatable groups', () => {
  test('a conditional field is required only when its condition holds', () => {
    const online = messagesOf(filled({ sellsOnline: '是' }))
    const offline = messagesOf(filled({ sellsOnline: '否' }))

    expect(online).toEqual([
      expect.objectContaining({ path: '/platform', rule: 'required', message: '“网络经营平台名称”必须填写' }),
    ])
    expect(offline).toEqual([])
  })

  test('a value for a hidden conditional field is refused on submit, and pruning removes it', () => {
    const data = filled({ sellsOnline: '否', platform: '美团' })

    expect(messagesOf(data)).toEqual([expect.objectContaining({ path: '/platform', rule: 'unknown' })])
    expect(messagesOf(pruneApplicationFormData(licenceForm, data))).toEqual([])
    expect(pruneApplicationFormData(licenceForm, filled({ sellsOnline: '是', platform: '美团' }))).toHaveProperty(
      'platform',
      '美团',
    )
  })

  test('a repeatable group needs at least one row, and each row its required fields', () => {
    expect(messagesOf(filled({ managers: [] }))[0]).toMatchObject({ path: '/managers', rule: 'minItems' })
    expect(messagesOf(filled({ managers: [{ idNumber: idNumber() }] }))[0]).toMatchObject({
      path: '/managers/0/name',
      message: '“食品安全管理人员 › 第 1 项 › 姓名”必须填写',
    })
  })

  test('a draft saves half-filled, but a number where text belongs is refused even then', () => {
    expect(messagesOf({ operatorName: '晓梅小吃', uscc: '9232' }, 'draft')).toEqual([])
    expect(messagesOf({ operatorName: 12 }, 'draft')).toEqual([
      expect.objectContaining({ path: '/operatorName', rule: 'type', message: '“经营者名称”应当是文字' }),
    ])
  })
})

describe('prefill (一次录入、多次复用)', () => {
  test('a company applicant gets its verified name and code, and the phone it gave last time', () => {
    const earlierForms = [
      { filledAt: '2026-03-01T08:00:00Z', form: licenceForm, data: filled({ phone: '13900000001' }) },
      {
        filledAt: '2026-06-01T08:00:00Z',
        form: licenceForm,
        data: filled({ phone: '13900000002', operatorName: '旧名称' }),
      },
    ]

    const data = buildFormPrefill(licenceForm, {
      profile: { kind: 'organization', name: '常熟市虞山晓梅小吃店', uscc: uscc() },
      earlierForms,
    })

    expect(data).toEqual({ operatorName: '常熟市虞山晓梅小吃店', uscc: uscc(), phone: '13900000002' })
  })

  test('a person applicant fills nested person fields, and values of the wrong type are not carried over', () => {
    const form = buildForm({
      applicant: kit.person('申请人', { prefillApplicant: true }),
      phone: kit.mobilePhone('手机', { prefill: 'contact.phone' }),
    })
    const earlier = buildForm({ phone: kit.number('电话', { prefill: 'contact.phone' }) })

    const data = buildFormPrefill(form, {
      profile: { kind: 'person', name: '孙晓梅', idNumber: idNumber() },
      earlierForms: [{ filledAt: '2026-01-01T00:00:00Z', form: earlier, data: { phone: 13800006637 } }],
    })

    expect(data).toEqual({ applicant: { name: '孙晓梅', idNumber: idNumber() } })
  })
})

describe('the editor view of a form', () => {
  test('fields, their order, requiredness and a condition survive a round trip through the stored form', () => {
    const fields = readEditorFields(licenceForm)

    const rebuilt = buildFormFromEditorFields(fields)

    expect(
      readEditorFields(rebuilt).map((entry) => [entry.name, entry.spec.required, entry.condition?.equals]),
    ).toEqual(fields.map((entry) => [entry.name, entry.spec.required, entry.condition?.equals]))
    expect(fields.find((entry) => entry.name === 'platform')?.condition).toEqual({ field: 'sellsOnline', equals: '是' })
    expect(messagesOf(filled({ sellsOnline: '是' }))).toEqual(
      validateApplicationForm(rebuilt, filled({ sellsOnline: '是' }), { now: new Date('2026-12-08T02:00:00Z') }),
    )
  })
})

describe('the demo forms', () => {
  test.each(Object.entries(DEMO_APPLICATION_FORMS))('%s is a form the catalog accepts', (_name, form) => {
    expect(findApplicationFormProblems(form)).toEqual([])
  })

  test('an empty 食品经营许可证核发 form asks for its required fields in Chinese', () => {
    const form = DEMO_APPLICATION_FORMS.食品经营许可证核发
    if (!form) throw new Error('missing demo form')

    const problems = validateApplicationForm(form, {})

    expect(problems.map((problem) => problem.message)).toContain('“经营者名称”必须填写')
    expect(problems.every((problem) => problem.rule === 'required')).toBe(true)
  })
})
