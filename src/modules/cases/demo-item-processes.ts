import type { Queryable } from '../../platform/db/index.js'
import { DEMO_ITEMS } from '../catalog/index.js'
import { setItemProcess } from './cases.repository.js'

/** Demo items whose accepted cases run a BPMN process (item name → workflow process key). */
const DEMO_ITEM_PROCESSES: Record<string, { processKey: string; variables: Record<string, unknown> }> = {
  // 并联审批: 自然资源和规划局, 住房和城乡建设局 and 市场监督管理局 review in parallel, led by 行政审批局.
  建设工程规划许可证核发: {
    processKey: 'construction_planning_permit',
    variables: { reviewDepartments: ['320581-ZRZY', '320581-ZJ', '320581-SCJG'] },
  },
}

/**
 * Names the process of each demo item that has one (cases.item_processes; the catalog has no such field). Items
 * without a process are reviewed by their department directly. Idempotent.
 */
export async function seedDemoItemProcesses(q: Queryable): Promise<number> {
  let count = 0
  for (const item of DEMO_ITEMS) {
    const process = DEMO_ITEM_PROCESSES[item.name]
    if (!process) continue
    await setItemProcess(q, item.code, process.processKey, process.variables)
    count++
  }
  return count
}
