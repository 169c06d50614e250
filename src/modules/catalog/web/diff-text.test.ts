import { describe, expect, test } from 'vitest'
import { describeValue } from './diff-text.js'

describe('reading a version comparison', () => {
  test('codes read as their Chinese names', () => {
    expect(describeValue('materials[m2].form', 'copy')).toBe('复印件')
    expect(describeValue('onlineDepth', 'full_online')).not.toBe('full_online')
    expect(describeValue('themes', ['employment', 'education'])).not.toMatch(/employment|education/)
  })

  test('a time limit, a fee and a material read as sentences, not JSON', () => {
    expect(describeValue('timeLimit', { kind: 'promised', statutoryDays: 20, promisedDays: 5 })).toBe(
      '承诺件，法定 20 个工作日，承诺 5 个工作日',
    )
    expect(describeValue('fee', { kind: 'free' })).toBe('不收费')
    const material = { id: 'm1', name: '营业执照', form: 'copy', count: 1, requirement: 'required' }
    expect(describeValue('materials[m1]', material)).toBe('营业执照（复印件 1 份）')
    expect(describeValue('materials[m1].blankForm', { fileName: '申请书.pdf', url: '/api/catalog/files/x' })).toBe(
      '申请书.pdf',
    )
  })

  test('an absent value is a dash', () => {
    expect(describeValue('notes', null)).toBe('—')
  })
})
