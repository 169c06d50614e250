import { describe, expect, test } from 'vitest'
import { givenMaterial, guideWith } from './test-guides.js'
import { buildVersionDiff } from './version-diff.js'

describe('comparing two versions of a guide', () => {
  const before = guideWith()

  test('an added material, a removed condition and a changed count are rows named after the entry', () => {
    const [first, ...rest] = before.materials
    const after = {
      ...before,
      materials: [{ ...(first ?? givenMaterial('m1', '申请书')), count: 3 }, ...rest, givenMaterial('m99', '健康证明')],
      conditions: before.conditions.slice(1),
    }

    const changes = buildVersionDiff(before, after)

    expect(changes).toContainEqual(
      expect.objectContaining({ label: `申请材料「${first?.name}」 · 份数`, kind: 'changed', after: 3 }),
    )
    expect(changes).toContainEqual(expect.objectContaining({ label: '申请材料「健康证明」', kind: 'added' }))
    expect(changes).toContainEqual(
      expect.objectContaining({ label: `受理条件「${before.conditions[0]?.text}」`, kind: 'removed' }),
    )
  })

  test('a new legal basis is one added row with the law and article, not the whole list', () => {
    const basis = { title: '《食品经营许可和备案管理办法》', article: '第十条', text: '……' }
    const changes = buildVersionDiff(before, { ...before, legalBasis: [...before.legalBasis, basis] })

    expect(changes).toEqual([
      expect.objectContaining({ label: '设定依据「《食品经营许可和备案管理办法》第十条」', kind: 'added' }),
    ])
  })
})
