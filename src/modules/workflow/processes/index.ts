import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The demo county's 建设工程规划许可 parallel approval (three departments, countersign, lead 行政审批局). */
export function readPlanningPermitXml(): string {
  return readFileSync(path.join(import.meta.dirname, 'construction-planning-permit.bpmn'), 'utf8')
}
