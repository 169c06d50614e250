import type { SituationAnswers, SituationQuestion } from './cases-api.js'

function chosenOf(answers: SituationAnswers, questionId: string): string[] {
  const answer = answers[questionId]
  if (answer === undefined) return []
  return typeof answer === 'string' ? [answer] : answer
}

/** The questions to ask now, in order: a follow-up appears once an earlier answer names one of its options. */
export function listVisibleQuestions(questions: readonly SituationQuestion[], answers: SituationAnswers) {
  const shown = new Set<string>()
  return questions.filter((question) => {
    const when = question.showWhen
    const isShown =
      !when ||
      (shown.has(when.questionId) && chosenOf(answers, when.questionId).some((id) => when.optionIds.includes(id)))
    if (isShown) shown.add(question.id)
    return isShown
  })
}

/** The answers that still apply; a shown multiple-choice question counts as "none of these" until ticked. */
export function buildCompleteAnswers(questions: readonly SituationQuestion[], answers: SituationAnswers) {
  const complete: SituationAnswers = {}
  for (const question of listVisibleQuestions(questions, answers)) {
    const answer = answers[question.id]
    if (answer !== undefined) complete[question.id] = answer
    else if (question.kind === 'multiple') complete[question.id] = []
  }
  return complete
}
