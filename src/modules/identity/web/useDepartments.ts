import { api } from '../../../web/api.js'
import type { DepartmentsResponse } from '../../../web/types.js'
import { type ApiData, useApiData } from '../../../web/useApiData.js'

// The header, the portal home and the workbench all show departments; one request serves them all.
let shared: Promise<DepartmentsResponse> | undefined

function loadDepartments(): Promise<DepartmentsResponse> {
  shared ??= api.get<DepartmentsResponse>('/api/identity/departments', { quiet: true }).catch((error: unknown) => {
    shared = undefined
    throw error
  })
  return shared
}

/** The division (e.g. 常熟市) and its departments, from the public `GET /api/identity/departments`. */
export function useDepartments(): ApiData<DepartmentsResponse> {
  return useApiData(() => loadDepartments(), 'departments')
}
