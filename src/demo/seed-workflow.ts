import type { Workflow } from '../modules/workflow/index.js'
import { readPlanningPermitXml } from '../modules/workflow/index.js'

const SYSTEM = { actor: null, clientAddress: null, requestId: null }
const PROJECTS = ['琴川纺织新建厂房项目', '虞山街道社区服务中心项目', '海虞镇农贸市场改建项目']

/**
 * Deploys the demo parallel approval once and starts a few projects already accepted by the window, so the
 * reviewers of 自然资源和规划局, 住房和城乡建设局 and 市场监督管理局 find tasks in their inbox.
 */
export async function seedDemoWorkflow(workflow: Workflow): Promise<{ seeded: boolean }> {
  const existing = await workflow.workflow.listDefinitions('construction_planning_permit')
  if (existing.length > 0) return { seeded: false }
  await workflow.workflow.deploy(SYSTEM, null, readPlanningPermitXml())
  const clerk = await workflow.directory.findStaff('zhangmin')
  for (const [index, project] of PROJECTS.entries()) {
    const { taskIds } = await workflow.workflow.startInstance(SYSTEM, null, {
      processKey: 'construction_planning_permit',
      businessKey: `demo-project:${index + 1}`,
      variables: { projectName: project, reviewDepartments: ['320581-ZRZY', '320581-ZJ', '320581-SCJG'] },
    })
    if (!clerk || !taskIds[0]) continue
    const actor = { id: clerk.id, displayName: clerk.displayName, roles: clerk.roles, departmentId: clerk.departmentId }
    await workflow.tasks.completeTask(SYSTEM, actor as never, taskIds[0], { opinion: '材料齐全，予以受理' })
  }
  return { seeded: true }
}
