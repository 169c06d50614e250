import type { WidgetProps } from '@rjsf/utils'
import { Cascader, Input, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { api } from '../../../../web/kit/api.js'
import type { IdentityChecks } from '../../application-form/form-formats.js'
import { findFormatProblem } from '../../application-form/form-formats.js'

/*
 * The field kit's widgets for @rjsf/antd: ID number and 统一社会信用代码 with an inline check as the person types,
 * and the 省 → 市 → 县 division cascader. Values are stored upper-cased, as the server checks them.
 */

function CheckedCodeInput(props: WidgetProps & { format: 'id-number' | 'uscc'; checks: IdentityChecks }) {
  const { id, value, onChange, onBlur, onFocus, disabled, readonly, placeholder, format, checks, autofocus } = props
  const text = typeof value === 'string' ? value : ''
  const problem = text.length === 18 ? findFormatProblem(format, text, checks) : undefined
  const isValid = text.length === 18 && !problem
  return (
    <>
      <Input
        id={id}
        value={text}
        maxLength={18}
        inputMode={format === 'id-number' ? 'numeric' : 'text'}
        autoComplete="off"
        autoFocus={autofocus}
        disabled={disabled || readonly}
        placeholder={placeholder || (format === 'id-number' ? '18 位居民身份证号码' : '18 位统一社会信用代码')}
        status={problem ? 'error' : undefined}
        onChange={(event) => onChange(event.target.value.trim().toUpperCase() || undefined)}
        onBlur={() => onBlur(id, text)}
        onFocus={() => onFocus(id, text)}
        aria-describedby={`${id}-check`}
      />
      <Typography.Text id={`${id}-check`} type={problem ? 'danger' : 'success'} aria-live="polite">
        {problem ?? (isValid ? '校验通过' : '')}
      </Typography.Text>
    </>
  )
}

/** Widgets bound to the browser's identity checks. */
export function buildFieldKitWidgets(checks: IdentityChecks) {
  return {
    idNumber: (props: WidgetProps) => <CheckedCodeInput {...props} format="id-number" checks={checks} />,
    uscc: (props: WidgetProps) => <CheckedCodeInput {...props} format="uscc" checks={checks} />,
    division: DivisionWidget,
  }
}

type Division = { code: string; name: string; level: number }
type DivisionOption = { value: string; label: string; isLeaf: boolean; children?: DivisionOption[] }

// GB/T 2260 levels: 省 (level 1) → 市 (2) → 县 (3); a county is the last level people pick here.
const toOptions = (divisions: Division[]): DivisionOption[] =>
  divisions.map((division) => ({ value: division.code, label: division.name, isLeaf: division.level >= 3 }))

const fetchDivisions = (parentCode?: string) =>
  api.get<Division[]>('/api/identity/divisions', { query: { parentCode }, quiet: true })

/** The codes from province down to `code` (a municipality's counties hang under the province). */
function ancestorsOf(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`
  const city = `${code.slice(0, 4)}00`
  return [...new Set([province, city, code])]
}

function DivisionWidget({ id, value, onChange, disabled, readonly, placeholder }: WidgetProps) {
  const [options, setOptions] = useState<DivisionOption[]>([])
  const [failed, setFailed] = useState(false)
  const code = typeof value === 'string' ? value : undefined

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once; later values come from the cascader itself
  useEffect(() => {
    let cancelled = false
    async function load() {
      const top = toOptions(await fetchDivisions())
      // Open the path of a prefilled code so the cascader can show its names.
      if (code) {
        let level = top
        for (const ancestor of ancestorsOf(code).slice(0, -1)) {
          const option = level.find((candidate) => candidate.value === ancestor)
          if (!option || option.isLeaf) break
          option.children = toOptions(await fetchDivisions(ancestor))
          level = option.children
        }
      }
      if (!cancelled) setOptions(top)
    }
    load().catch(() => !cancelled && setFailed(true))
    return () => {
      cancelled = true
    }
  }, [])

  const path = useMemo(() => {
    if (!code) return undefined
    const chain: string[] = []
    let level = options
    for (const ancestor of ancestorsOf(code)) {
      const option = level.find((candidate) => candidate.value === ancestor)
      if (!option) continue
      chain.push(option.value)
      level = option.children ?? []
    }
    return chain.length > 0 ? chain : [code]
  }, [code, options])

  return (
    <Cascader<DivisionOption>
      id={id}
      options={options}
      value={path}
      changeOnSelect
      disabled={disabled || readonly || failed}
      placeholder={failed ? '行政区划暂时无法加载' : placeholder || '请选择省 / 市 / 县（区）'}
      style={{ width: '100%' }}
      loadData={async (selected) => {
        const target = selected[selected.length - 1]
        if (!target || target.children) return
        try {
          target.children = toOptions(await fetchDivisions(target.value))
          if (target.children.length === 0) target.isLeaf = true
        } catch {
          target.isLeaf = true
        }
        setOptions((current) => [...current])
      }}
      onChange={(chosen) => onChange(chosen?.length ? String(chosen[chosen.length - 1]) : undefined)}
    />
  )
}
