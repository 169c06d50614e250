import { TreeSelect, type TreeSelectProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import type { Department, DepartmentsResponse } from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'

function toOptions(departments: Department[]): NonNullable<TreeSelectProps['treeData']> {
  return departments.map((department) => ({
    value: department.code,
    title: department.name,
    children: toOptions(department.children),
  }))
}

/** The implementing department, picked by name from the public department tree; the value is its code. */
export function DepartmentTreeSelect({
  value,
  onChange,
  disabled,
}: {
  value?: string
  onChange?: (code: string) => void
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const { data, isLoading } = useApiData(
    (signal) => api.get<DepartmentsResponse>('/api/identity/departments', { signal, quiet: true }),
    'catalog-departments',
  )
  return (
    <TreeSelect
      value={value || undefined}
      onChange={onChange}
      disabled={disabled}
      loading={isLoading}
      treeData={toOptions(data?.departments ?? [])}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('catalogWorkbench.departmentPlaceholder')}
      aria-label={t('catalogWorkbench.department')}
      data-testid="department-select"
      style={{ width: '100%' }}
    />
  )
}
