import type { ItemGuide, SituationAnswers } from '../catalog.schemas.js'
import { listVisibleQuestions } from '../one-time-notice.js'

/**
 * The answers that still apply: an answer to a follow-up that is no longer shown is dropped, and a shown
 * multiple-choice question counts as answered with "none of these" until the person ticks something.
 */
export function buildCompleteAnswers(
  guide: Pick<ItemGuide, 'situations'>,
  answers: SituationAnswers,
): SituationAnswers {
  const complete: SituationAnswers = {}
  for (const question of listVisibleQuestions(guide, answers)) {
    const answer = answers[question.id]
    if (answer !== undefined) complete[question.id] = answer
    else if (question.kind === 'multiple') complete[question.id] = []
  }
  return complete
}
