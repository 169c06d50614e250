import { expect, test } from 'vitest'
import { DEMO_APPLICATION_FORMS, validateApplicationForm } from '../modules/cases/application-form/index.js'
import { findIdNumberProblem, isValidUscc } from '../modules/identity/index.js'
import { buildCompany, buildPerson, createSeededRandom } from './demo-applicants.js'
import { buildDemoFormData } from './demo-form-data.js'

test('made-up applicants are people and companies of 常熟 whose numbers pass the national checks', () => {
  const random = createSeededRandom(1)

  const people = Array.from({ length: 200 }, () => buildPerson(random))
  const companies = Array.from({ length: 200 }, () => buildCompany(random))

  for (const person of people) {
    expect(findIdNumberProblem(person.idNumber), person.idNumber).toBeUndefined()
    expect(person.idNumber.startsWith('320581')).toBe(true)
    expect(person.phone).toMatch(/^1[3-9]\d{9}$/)
    expect(person.address).toMatch(/^江苏省常熟市.+(镇|街道)/)
  }
  for (const company of companies) {
    expect(isValidUscc(company.uscc), company.uscc).toBe(true)
    expect(company.uscc.slice(2, 8)).toBe('320581')
  }
})

test('the same seed gives the same applicants, so the demo looks the same on every machine', () => {
  const first = createSeededRandom(42)
  const second = createSeededRandom(42)

  expect(Array.from({ length: 5 }, () => buildCompany(first))).toEqual(
    Array.from({ length: 5 }, () => buildCompany(second)),
  )
})

test('the form data of every demo item passes the server’s submit validation', () => {
  const random = createSeededRandom(7)

  for (let round = 0; round < 20; round++) {
    for (const [name, form] of Object.entries(DEMO_APPLICATION_FORMS)) {
      const applicant = round % 2 === 0 ? buildPerson(random) : buildCompany(random)
      const data = buildDemoFormData(form, applicant, '2026-10-12', random)

      const problems = validateApplicationForm(form, data, { mode: 'submit', now: new Date('2026-10-12T02:00:00Z') })
      expect(problems, name).toEqual([])
    }
  }
})
