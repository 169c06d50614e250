/** A department as the identity module's directory gives it. */
export type DirectoryDepartment = { id: string; code: string; name: string; children: DirectoryDepartment[] }

export type DepartmentIndex = {
  byCode: Map<string, { id: string; name: string }>
  byId: Map<string, { code: string; name: string; rootId: string; subtree: string[] }>
}

/** Flattens the department tree: each department knows its top-level bureau and its own subtree. */
export function buildDepartmentIndex(departments: readonly DirectoryDepartment[]): DepartmentIndex {
  const byCode: DepartmentIndex['byCode'] = new Map()
  const byId: DepartmentIndex['byId'] = new Map()
  const collect = (department: DirectoryDepartment): string[] => [
    department.id,
    ...department.children.flatMap((child) => collect(child)),
  ]
  const visit = (department: DirectoryDepartment, rootId: string) => {
    byCode.set(department.code, { id: department.id, name: department.name })
    byId.set(department.id, { code: department.code, name: department.name, rootId, subtree: collect(department) })
    for (const child of department.children) visit(child, rootId)
  }
  for (const department of departments) visit(department, department.id)
  return { byCode, byId }
}

/**
 * The departments whose items an editor may edit: the whole bureau (top-level department) the editor works in,
 * so a 食品经营监管科 reviewer edits 市场监督管理局 items. Empty when the editor has no department.
 */
export function listEditableDepartmentIds(index: DepartmentIndex, departmentId: string | null): string[] {
  if (!departmentId) return []
  const own = index.byId.get(departmentId)
  if (!own) return []
  return index.byId.get(own.rootId)?.subtree ?? [departmentId]
}
