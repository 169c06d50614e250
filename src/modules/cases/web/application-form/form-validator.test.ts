import { type RJSFSchema, retrieveSchema } from '@rjsf/utils'
import { describe, expect, test } from 'vitest'
import { findIdNumberProblem, findUsccProblem } from '../../../identity/web/index.js'
import { DEMO_APPLICATION_FORMS } from '../../application-form/demo-forms.js'
import { createKitValidator } from './form-validator.js'

const validator = createKitValidator({
  findIdNumberProblem,
  isValidUscc: (uscc) => findUsccProblem(uscc) === undefined,
})
const foodLicence = DEMO_APPLICATION_FORMS.食品经营许可证核发?.schema as RJSFSchema

describe('the browser validator of application forms', () => {
  test('the online-shop fields appear only once the applicant says they sell online', () => {
    const online = retrieveSchema(validator, foodLicence, foodLicence, { sellsOnline: '是' })
    const offline = retrieveSchema(validator, foodLicence, foodLicence, { sellsOnline: '否' })

    expect(Object.keys(online.properties ?? {})).toContain('onlinePlatform')
    expect(Object.keys(offline.properties ?? {})).not.toContain('onlinePlatform')
  })

  test('a wrong ID number check digit is shown on that row of the repeatable group, in Chinese', () => {
    const result = validator.validateFormData(
      { safetyManagers: [{ name: '孙晓梅', idNumber: '320581199001011231' }] },
      foodLicence,
    )

    const rowErrors = (result.errorSchema as Record<string, Record<string, Record<string, { __errors?: string[] }>>>)
      .safetyManagers?.['0']?.idNumber?.__errors
    expect(rowErrors).toEqual(['校验位不正确，请核对是否输错'])
    expect(result.errors.map((error) => error.message)).toContain('“经营者名称”必须填写')
  })
})
