import { TreeSelect } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { WorkflowDirectory } from './workflow-api.js'

type TreeNode = { title: string; value: string; selectable?: boolean; checkable?: boolean; children: TreeNode[] }

/** Departments as a tree with their staff as leaves; departments themselves cannot be picked. */
export function buildStaffTree(directory: WorkflowDirectory | undefined): TreeNode[] {
  if (!directory) return []
  const nodes = new Map<string, TreeNode>()
  for (const department of directory.departments) {
    nodes.set(department.id, {
      title: department.name,
      value: `department:${department.id}`,
      selectable: false,
      checkable: false,
      children: [],
    })
  }
  const roots: TreeNode[] = []
  for (const department of directory.departments) {
    const node = nodes.get(department.id) as TreeNode
    const parent = department.parentId ? nodes.get(department.parentId) : undefined
    ;(parent ? parent.children : roots).push(node)
  }
  for (const person of directory.staff) {
    const leaf = { title: `${person.displayName}（${person.loginName}）`, value: person.loginName, children: [] }
    const home = person.departmentId ? nodes.get(person.departmentId) : undefined
    ;(home ? home.children : roots).push(leaf)
  }
  return roots
}

type StaffPickerProps = {
  directory: WorkflowDirectory | undefined
  multiple?: boolean
  value?: string | string[]
  onChange?: (value: string | string[]) => void
  id?: string
}

/** Picks one or several staff members (login names) from the department tree. */
export function StaffPicker({ directory, multiple, value, onChange, id }: StaffPickerProps) {
  const { t } = useTranslation()
  const treeData = useMemo(() => buildStaffTree(directory), [directory])
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={treeData}
      multiple={multiple}
      showSearch
      treeNodeFilterProp="title"
      placeholder={t('workflow.pickStaff')}
      treeDefaultExpandAll
      style={{ width: '100%' }}
      listHeight={320}
      data-testid="staff-picker"
    />
  )
}
