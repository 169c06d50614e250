import { expect, test } from 'vitest'
import { validateGuide } from '../guide-validation.js'
import { DEMO_ITEMS } from './demo-items.js'
import { generateItems } from './generate-items.js'

test('the generator gives 5,000 valid items with unique codes and names, the same every time', () => {
  const items = generateItems(5000)

  const invalid = items.filter((item) => validateGuide(item).problems.length > 0)
  expect(invalid.map((item) => [item.name, validateGuide(item).problems])).toEqual([])
  expect(new Set(items.map((item) => item.code)).size).toBe(5000)
  expect(new Set(items.map((item) => `${item.departmentCode} ${item.name}`)).size).toBeGreaterThan(4500)
  expect(generateItems(50).map((item) => item.name)).toEqual(items.slice(0, 50).map((item) => item.name))
  expect(generateItems(50, 7).map((item) => item.name)).not.toEqual(items.slice(0, 50).map((item) => item.name))
  const demoCodes = new Set(DEMO_ITEMS.map((item) => item.code))
  expect(items.some((item) => demoCodes.has(item.code))).toBe(false)
})
