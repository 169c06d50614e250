import { List, Space, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../../../web/kit/format.js'
import { CaseStateTag, formatDay, WarningTag } from './case-ui.js'
import type { CaseSummary } from './staff-api.js'

/** Cases as cards of text (no table), so a 375 px phone never scrolls sideways. */
export function CaseSummaryList({
  cases,
  loading,
  emptyText,
  actions,
}: {
  cases: CaseSummary[]
  loading: boolean
  emptyText: string
  actions?: (summary: CaseSummary) => ReactNode[]
}) {
  return (
    <List
      loading={loading}
      dataSource={cases}
      locale={{ emptyText }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
      renderItem={(summary) => (
        <List.Item actions={actions?.(summary)} className="cases-staff-summary">
          <Space orientation="vertical" size={2} className="cases-staff-list-item">
            <Space wrap size={[8, 4]}>
              <Link to={`/workbench/cases/${summary.id}`}>{summary.itemName}</Link>
              <CaseStateTag state={summary.state} label={summary.stateLabel} />
              <WarningTag level={summary.warningLevel} />
            </Space>
            <Typography.Text type="secondary" className="cases-staff-word-break">
              {summary.number}
              {summary.submittedAt ? ` · 提交于 ${formatDateTime(summary.submittedAt)}` : ''}
              {summary.dueOn ? ` · ${formatDay(summary.dueOn)}前办结` : ''}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  )
}
