import { describe, expect, test } from 'vitest'
import { DEMO_APPLICATION_FORMS } from '../../application-form/demo-forms.js'
import { listFormRows } from './form-rows.js'

const physicianForm = DEMO_APPLICATION_FORMS.医师执业注册
if (!physicianForm) throw new Error('the demo catalog has no form for 医师执业注册')
const filled = {
  physician: { name: '林晓东', idNumber: '320581199206142516', phone: '13962318845' },
  qualificationNumber: '202032110320581199',
  practiceCategory: '临床',
}

describe('the application form on the case file', () => {
  test('shows each filled field under its Chinese label, with ID number, phone and name masked before 查看', () => {
    const rows = listFormRows(physicianForm, filled, false)
    const shown = Object.fromEntries(rows.map((row) => [row.label, row.value]))
    expect(shown).toEqual({
      '申请人 · 姓名': '林**',
      '申请人 · 居民身份证号码': '320***********2516',
      '申请人 · 手机号码': '139****8845',
      医师资格证书编码: '202032110320581199',
      执业类别: '临床',
    })
  })

  test('shows the full values once the reason for 查看 has been recorded', () => {
    const rows = listFormRows(physicianForm, filled, true)
    expect(rows.map((row) => row.value)).toContain('320581199206142516')
    expect(rows.map((row) => row.value)).toContain('林晓东')
  })
})
