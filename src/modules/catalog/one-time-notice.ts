import { type AnswerProblem, catalogErrors } from './catalog.errors.js'
import type {
  AcceptanceCondition,
  Fee,
  ItemGuide,
  Material,
  OneTimeNoticeContent,
  SituationAnswers,
  SituationQuestion,
  TimeLimit,
} from './catalog.schemas.js'

/*
 * 一次性告知单 from the situation tree, as pure functions: the portal, the editor's live preview and the server
 * all compute the same notice from the same guide and answers.
 */

/** The chosen option ids of one answer, whatever its shape (single answers may be a bare id). */
function chosenOf(answers: SituationAnswers, questionId: string): string[] | undefined {
  const answer = answers[questionId]
  if (answer === undefined) return undefined
  return typeof answer === 'string' ? [answer] : answer
}

function isShown(question: SituationQuestion, answers: SituationAnswers, shown: Set<string>): boolean {
  if (!question.showWhen) return true
  if (!shown.has(question.showWhen.questionId)) return false
  const chosen = chosenOf(answers, question.showWhen.questionId) ?? []
  return chosen.some((id) => question.showWhen?.optionIds.includes(id))
}

/** The questions to ask now, in order: follow-ups appear once an earlier answer makes them apply. */
export function listVisibleQuestions(guide: Pick<ItemGuide, 'situations'>, answers: SituationAnswers) {
  const shown = new Set<string>()
  const visible: SituationQuestion[] = []
  for (const question of guide.situations) {
    if (isShown(question, answers, shown)) {
      shown.add(question.id)
      visible.push(question)
    }
  }
  return visible
}

/**
 * Every way `answers` does not fit the tree: a visible question unanswered, an unknown or hidden question
 * answered, an unknown option, or several options for a single-choice question.
 */
export function findAnswerProblems(guide: Pick<ItemGuide, 'situations'>, answers: SituationAnswers): AnswerProblem[] {
  const problems: AnswerProblem[] = []
  const visible = listVisibleQuestions(guide, answers)
  const visibleIds = new Set(visible.map((question) => question.id))
  const known = new Set(guide.situations.map((question) => question.id))
  for (const questionId of Object.keys(answers)) {
    if (!known.has(questionId)) problems.push({ questionId, reason: '没有这个问题' })
    else if (!visibleIds.has(questionId)) problems.push({ questionId, reason: '按前面的回答不需要回答此问题' })
  }
  for (const question of visible) {
    const chosen = chosenOf(answers, question.id)
    if (chosen === undefined) {
      problems.push({ questionId: question.id, reason: `未回答“${question.text}”` })
      continue
    }
    const optionIds = new Set(question.options.map((option) => option.id))
    const unknown = chosen.filter((id) => !optionIds.has(id))
    if (unknown.length > 0) problems.push({ questionId: question.id, reason: `没有选项 ${unknown.join('、')}` })
    else if (new Set(chosen).size !== chosen.length) problems.push({ questionId: question.id, reason: '选项重复' })
    else if (question.kind === 'single' && chosen.length !== 1)
      problems.push({ questionId: question.id, reason: `“${question.text}”是单选题，须选且只选一项` })
  }
  return problems
}

export type NoticeMeta = { itemVersion: number; departmentName: string }

/**
 * The notice for the answers given so far, skipping unanswered and hidden questions (the editor's live preview);
 * use `buildOneTimeNotice` for a complete answer set.
 */
export function buildNoticePreview(
  guide: ItemGuide,
  answers: SituationAnswers,
  meta: NoticeMeta,
): OneTimeNoticeContent {
  const added = new Set<string>()
  const removed = new Set<string>()
  const extraConditions: AcceptanceCondition[] = []
  const removedConditions = new Set<string>()
  let timeLimit: TimeLimit = { ...guide.timeLimit }
  let fee: Fee = guide.fee
  const notes: string[] = []
  const answered: OneTimeNoticeContent['answers'] = []

  for (const question of listVisibleQuestions(guide, answers)) {
    const chosen = chosenOf(answers, question.id)
    if (!chosen) continue
    const options = question.options.filter((option) => chosen.includes(option.id))
    answered.push({
      questionId: question.id,
      question: question.text,
      optionIds: options.map((option) => option.id),
      answer: options.length > 0 ? options.map((option) => option.label).join('、') : '以上都不是',
    })
    for (const option of options) {
      for (const effect of option.effects) {
        switch (effect.kind) {
          case 'add_material':
            added.add(effect.materialId)
            removed.delete(effect.materialId)
            break
          case 'remove_material':
            removed.add(effect.materialId)
            added.delete(effect.materialId)
            break
          case 'add_condition':
            extraConditions.push(effect.condition)
            break
          case 'remove_condition':
            removedConditions.add(effect.conditionId)
            break
          case 'set_time_limit':
            timeLimit = {
              ...timeLimit,
              ...(effect.timeLimitKind ? { kind: effect.timeLimitKind } : {}),
              ...(effect.statutoryDays !== undefined ? { statutoryDays: effect.statutoryDays } : {}),
              ...(effect.promisedDays !== undefined ? { promisedDays: effect.promisedDays } : {}),
            }
            break
          case 'set_fee':
            fee = effect.fee
            break
          case 'add_note':
            notes.push(effect.text)
            break
        }
      }
    }
  }

  const materials: Material[] = guide.materials.filter(
    (material) => !removed.has(material.id) && (material.requirement === 'required' || added.has(material.id)),
  )
  const conditions = [...guide.conditions, ...extraConditions].filter(
    (condition, index, all) =>
      !removedConditions.has(condition.id) && all.findIndex((other) => other.id === condition.id) === index,
  )
  return {
    itemCode: guide.code,
    itemName: guide.name,
    itemVersion: meta.itemVersion,
    departmentName: meta.departmentName,
    answers: answered,
    conditions,
    materials,
    timeLimit,
    fee,
    maxVisits: guide.maxVisits,
    onlineDepth: guide.onlineDepth,
    locations: guide.locations,
    consultationPhone: guide.consultationPhone,
    notes,
  }
}

/**
 * The one-time notice for a complete answer set: required materials plus those the answers add, minus those
 * they remove, in guide order. Throws CATALOG_ANSWERS_INVALID (400, naming the question) when the answers do
 * not fit the question tree.
 */
export function buildOneTimeNotice(
  guide: ItemGuide,
  answers: SituationAnswers,
  meta: NoticeMeta,
): OneTimeNoticeContent {
  const problems = findAnswerProblems(guide, answers)
  if (problems.length > 0) throw catalogErrors.answersInvalid(problems)
  return buildNoticePreview(guide, answers, meta)
}
