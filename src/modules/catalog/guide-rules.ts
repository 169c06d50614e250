import type { ItemGuide } from './catalog.schemas.js'

function findDuplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))]
}

/**
 * The rules a guide must meet beyond its schema, in Chinese (empty when it is fine): ids unique, every situation
 * effect pointing at something in the guide, follow-ups depending on earlier questions, sensible time limits.
 */
export function findGuideProblems(guide: ItemGuide): string[] {
  const problems: string[] = []
  const materialIds = new Set(guide.materials.map((material) => material.id))
  const conditionIds = new Set(guide.conditions.map((condition) => condition.id))

  for (const id of findDuplicates(guide.materials.map((material) => material.id))) problems.push(`材料编号 ${id} 重复`)
  for (const id of findDuplicates(guide.conditions.map((condition) => condition.id)))
    problems.push(`受理条件编号 ${id} 重复`)
  for (const id of findDuplicates(guide.situations.map((question) => question.id)))
    problems.push(`情形问题编号 ${id} 重复`)
  for (const material of guide.materials) {
    if (material.requirement === 'conditional' && !material.condition)
      problems.push(`材料“${material.name}”视情形提交，须填写提交情形`)
  }
  if (guide.timeLimit.kind === 'instant' && guide.timeLimit.promisedDays > 0)
    problems.push('即办件的承诺时限应为 0 个工作日')
  if (guide.timeLimit.statutoryDays > 0 && guide.timeLimit.promisedDays > guide.timeLimit.statutoryDays)
    problems.push(
      `承诺时限（${guide.timeLimit.promisedDays} 个工作日）不能超过法定时限（${guide.timeLimit.statutoryDays} 个工作日）`,
    )
  if (guide.subjects.length !== new Set(guide.subjects).size) problems.push('服务对象重复')

  const earlier = new Map<string, Set<string>>()
  for (const question of guide.situations) {
    const where = `情形问题 ${question.id}`
    for (const id of findDuplicates(question.options.map((option) => option.id)))
      problems.push(`${where}的选项编号 ${id} 重复`)
    if (question.showWhen) {
      const parent = earlier.get(question.showWhen.questionId)
      if (!parent) problems.push(`${where}依赖的问题 ${question.showWhen.questionId} 不存在或不在它之前`)
      else {
        for (const optionId of question.showWhen.optionIds)
          if (!parent.has(optionId))
            problems.push(`${where}依赖的选项 ${optionId} 不是问题 ${question.showWhen.questionId} 的选项`)
      }
    }
    for (const option of question.options) {
      for (const effect of option.effects) {
        if (
          (effect.kind === 'add_material' || effect.kind === 'remove_material') &&
          !materialIds.has(effect.materialId)
        )
          problems.push(`${where}选项 ${option.id} 引用的材料 ${effect.materialId} 不在申请材料中`)
        if (effect.kind === 'remove_condition' && !conditionIds.has(effect.conditionId))
          problems.push(`${where}选项 ${option.id} 引用的受理条件 ${effect.conditionId} 不存在`)
      }
    }
    earlier.set(question.id, new Set(question.options.map((option) => option.id)))
  }
  return problems
}
