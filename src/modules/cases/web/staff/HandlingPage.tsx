import { Alert, Card, Tabs, Typography } from 'antd'
import { useState } from 'react'
import { describeError } from '../../../../web/kit/api.js'
import { useApiData } from '../../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../../web/kit/useDocumentTitle.js'
import { CaseSummaryList } from './CaseSummaryList.js'
import { staffApi } from './staff-api.js'
import './staff.css'

// The tabs a department works through, in the order a case moves.
const TABS: { state: string; label: string }[] = [
  { state: 'submitted', label: '待受理' },
  { state: 'accepted', label: '已受理' },
  { state: 'under_review', label: '审查中' },
  { state: 'supplement_requested', label: '待补正' },
  { state: 'special_procedure', label: '特别程序' },
  { state: 'returned', label: '退回修改' },
  { state: 'granted', label: '准予许可' },
  { state: 'denied', label: '不予许可' },
  { state: 'not_accepted', label: '不予受理' },
  { state: 'concluded', label: '已办结' },
  { state: 'delivered', label: '已送达' },
  { state: 'withdrawn', label: '已撤回' },
]

/** `/workbench/cases/handling`: my department's cases, most urgent first, with a count on every tab. */
export function HandlingPage() {
  useDocumentTitle('本部门办件')
  const [state, setState] = useState('all')
  const list = useApiData(
    (signal) => staffApi.listHandling(state === 'all' ? undefined : state, signal),
    `handling:${state}`,
  )
  const counts = list.data?.counts ?? {}
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0)
  const tabs = [
    { key: 'all', label: `全部 ${total}` },
    ...TABS.filter((tab) => (counts[tab.state] ?? 0) > 0 || tab.state === state).map((tab) => ({
      key: tab.state,
      label: `${tab.label} ${counts[tab.state] ?? 0}`,
    })),
  ]
  return (
    <div className="cases-staff-page">
      <Typography.Title level={3}>本部门办件</Typography.Title>
      <Typography.Paragraph type="secondary">按紧急程度排列：已超期、临近时限的在前。</Typography.Paragraph>
      {list.error ? <Alert type="error" showIcon message={describeError(list.error)} /> : null}
      <Card size="small">
        <Tabs activeKey={state} onChange={setState} items={tabs} />
        <CaseSummaryList cases={list.data?.cases ?? []} loading={list.isLoading} emptyText="没有这一状态的办件" />
      </Card>
    </div>
  )
}
