import { describe, expect, test } from 'vitest'
import { DEMO_APPLICATION_FORMS } from './demo-forms.js'
import { maskApplicationFormData } from './form-masking.js'

const physicianForm = DEMO_APPLICATION_FORMS.医师执业注册
const foodForm = DEMO_APPLICATION_FORMS.食品经营许可证核发
if (!physicianForm || !foodForm) throw new Error('the demo catalog lacks a form')

describe('staff see a form’s personal data masked until 查看', () => {
  test('ID number, phone and the applicant’s name are masked; other answers stay as given', () => {
    const filled = {
      physician: { name: '林晓东', idNumber: '320581199206142516', phone: '13962318845' },
      qualificationNumber: '202032110320581199',
      practiceCategory: '临床',
    }

    const masked = maskApplicationFormData(physicianForm, filled)

    expect(masked).toEqual({
      physician: { name: '林**', idNumber: '320***********2516', phone: '139****8845' },
      qualificationNumber: '202032110320581199',
      practiceCategory: '临床',
    })
    expect(filled.physician.idNumber).toBe('320581199206142516')
  })

  test('people inside repeatable groups and street addresses are masked too', () => {
    const masked = maskApplicationFormData(foodForm, {
      premises: { divisionCode: '320581', detail: '虞山街道书院街 88 号' },
      safetyManagers: [{ name: '周建国', idNumber: '320581198803120017', phone: '13812345678' }],
    })

    expect(masked.premises).toEqual({ divisionCode: '320581', detail: '虞山**********' })
    expect(JSON.stringify(masked)).not.toContain('320581198803120017')
    expect(JSON.stringify(masked)).not.toContain('13812345678')
  })
})
