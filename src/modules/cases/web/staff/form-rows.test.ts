import { describe, expect, test } from 'vitest'
import { DEMO_APPLICATION_FORMS } from '../../application-form/demo-forms.js'
import { listFormRows } from './form-rows.js'

const physicianForm = DEMO_APPLICATION_FORMS.医师执业注册
if (!physicianForm) throw new Error('the demo catalog has no form for 医师执业注册')

describe('the application form on the case file', () => {
  test('shows each filled field under its Chinese label, in form order, as the server sent it', () => {
    const rows = listFormRows(physicianForm, {
      physician: { name: '林**', idNumber: '320***********2516', phone: '139****8845' },
      qualificationNumber: '202032110320581199',
      practiceCategory: '临床',
    })
    expect(rows.map((row) => [row.label, row.value])).toEqual([
      ['申请人 · 姓名', '林**'],
      ['申请人 · 居民身份证号码', '320***********2516'],
      ['申请人 · 手机号码', '139****8845'],
      ['医师资格证书编码', '202032110320581199'],
      ['执业类别', '临床'],
    ])
  })
})
