import { Cascader, type CascaderProps } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import type { Division } from '../../../web/kit/types.js'

type DivisionOption = { value: string; label: string; isLeaf: boolean; children?: DivisionOption[] }

// Level 3 (县级) has no children; a municipality's counties hang directly under the province.
const COUNTY_LEVEL = 3

function toOptions(divisions: Division[]): DivisionOption[] {
  return divisions.map((division) => ({
    value: division.code,
    label: division.name,
    isLeaf: division.level >= COUNTY_LEVEL,
  }))
}

const fetchDivisions = (parentCode?: string) =>
  api.get<Division[]>('/api/identity/divisions', { query: { parentCode }, quiet: true })

/**
 * 省 → 市 → 县 picker over GB/T 2260 (`GET /api/identity/divisions`), loading each level when opened.
 * Any level may be chosen (a city-level centre exists too); `onPick` gets the code of the last level chosen.
 */
export function DivisionCascader({ id, onPick }: { id?: string; onPick: (code: string | undefined) => void }) {
  const { t } = useTranslation()
  const [options, setOptions] = useState<DivisionOption[]>([])
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    const controller = new AbortController()
    api
      .get<Division[]>('/api/identity/divisions', { quiet: true, signal: controller.signal })
      .then((divisions) => setOptions(toOptions(divisions)))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setFailed(true)
      })
    return () => controller.abort()
  }, [])

  const loadData: CascaderProps<DivisionOption>['loadData'] = async (selected) => {
    const target = selected[selected.length - 1]
    if (!target || target.children) return
    try {
      target.children = toOptions(await fetchDivisions(target.value))
      if (target.children.length === 0) target.isLeaf = true
    } catch {
      target.isLeaf = true
    }
    setOptions((current) => [...current])
  }

  return (
    <Cascader<DivisionOption>
      id={id}
      options={options}
      loadData={loadData}
      changeOnSelect
      showSearch={false}
      disabled={failed}
      placeholder={t('personalData.divisionPlaceholder')}
      onChange={(path) => onPick(path?.length ? String(path[path.length - 1]) : undefined)}
      className="division-cascader"
    />
  )
}
