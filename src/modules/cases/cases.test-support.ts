import { DEMO_ITEMS, listVisibleQuestions } from '../catalog/index.js'

/** A demo item's code by its name (the tests apply for real demo items). */
export function demoItemCode(name: string): string {
  const item = DEMO_ITEMS.find((candidate) => candidate.name === name)
  if (!item) throw new Error(`no demo item named ${name}`)
  return item.code
}

/** Answers every situation question the way a hurried applicant would: the first option each time. */
export function answerWithFirstOptions(name: string): Record<string, string> {
  const guide = DEMO_ITEMS.find((candidate) => candidate.name === name)
  if (!guide) throw new Error(`no demo item named ${name}`)
  const answers: Record<string, string> = {}
  for (;;) {
    const open = listVisibleQuestions(guide, answers).find((question) => answers[question.id] === undefined)
    if (!open) return answers
    answers[open.id] = open.options[0]?.id as string
  }
}
