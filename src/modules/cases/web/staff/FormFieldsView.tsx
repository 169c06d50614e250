import { Descriptions, Empty } from 'antd'
import { useMemo } from 'react'
import { api } from '../../../../web/kit/api.js'
import { useApiData } from '../../../../web/kit/useApiData.js'
import type { ApplicationFormDefinition as ApplicationForm } from '../../application-form/form-schema.js'
import { listFormRows } from './form-rows.js'

type Division = { code: string; name: string }

/** Names of the 行政区划 codes in the form (a county's code is shown as its name, never as digits). */
function useDivisionNames(codes: string[]) {
  const parents = [...new Set(codes.map((code) => `${code.slice(0, 4)}00`))].sort()
  return useApiData(
    async (signal) => {
      const names = new Map<string, string>()
      for (const parentCode of parents) {
        const children = await api
          .get<Division[]>('/api/identity/divisions', { query: { parentCode }, quiet: true, signal })
          .catch(() => [])
        for (const child of children) names.set(child.code, child.name)
      }
      return names
    },
    `divisions:${parents.join(',')}`,
  )
}

/** 申请表 on the case file: read-only fields with their Chinese labels (personal data as the server sent it). */
export function FormFieldsView({ form, data }: { form: ApplicationForm; data: Record<string, unknown> }) {
  const rows = useMemo(() => listFormRows(form, data), [form, data])
  const divisions = useDivisionNames(rows.flatMap((row) => (row.divisionCode ? [row.divisionCode] : [])))
  if (rows.length === 0) return <Empty description="申请表未填写" />
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      className="cases-staff-form-fields"
      items={rows.map((row) => ({
        key: row.key,
        label: row.label,
        children: row.divisionCode ? (divisions.data?.get(row.divisionCode) ?? '') : row.value,
      }))}
    />
  )
}
