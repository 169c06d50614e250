import type { TreeSelectProps } from 'antd'
import { api } from '../../../web/kit/api.js'
import type { Department, DepartmentsResponse } from '../../../web/kit/types.js'
import { type ApiData, useApiData } from '../../../web/kit/useApiData.js'

// The header, the portal home and the workbench all show departments; one request serves them all.
let shared: Promise<DepartmentsResponse> | undefined

function loadDepartments(): Promise<DepartmentsResponse> {
  shared ??= api.get<DepartmentsResponse>('/api/identity/departments', { quiet: true }).catch((error: unknown) => {
    shared = undefined
    throw error
  })
  return shared
}

/** Forgets the shared answer, e.g. after a department was added; the next `reload()` asks the server again. */
export function invalidateDepartments(): void {
  shared = undefined
}

/** The division (e.g. 常熟市) and its departments, from the public `GET /api/identity/departments`. */
export function useDepartments(): ApiData<DepartmentsResponse> {
  return useApiData(() => loadDepartments(), 'departments')
}

/** The departments as antd TreeSelect options (value = department id), labelled with their names. */
export function buildDepartmentOptions(departments: Department[]): NonNullable<TreeSelectProps['treeData']> {
  return departments.map((department) => ({
    value: department.id,
    title: department.name,
    children: buildDepartmentOptions(department.children),
  }))
}
