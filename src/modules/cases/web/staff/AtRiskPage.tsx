import { Alert, Card, List, Radio, Space, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { describeError } from '../../../../web/kit/api.js'
import { useApiData } from '../../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../../web/kit/useDocumentTitle.js'
import { CaseStateTag, formatDay, WarningTag } from './case-ui.js'
import { staffApi } from './staff-api.js'
import './staff.css'

/** `/workbench/cases/at-risk`: the centre manager's 风险办件 — yellow and red cases across departments. */
export function AtRiskPage() {
  useDocumentTitle('风险办件')
  const [sort, setSort] = useState<'due' | 'level'>('due')
  const list = useApiData((signal) => staffApi.listAtRisk(sort, signal), `at-risk:${sort}`)
  const cases = list.data?.cases ?? []
  const red = cases.filter((c) => c.warningLevel === 'red').length
  return (
    <div className="cases-staff-page">
      <Typography.Title level={3}>风险办件</Typography.Title>
      <Typography.Paragraph type="secondary">
        {list.data
          ? `共 ${cases.length} 件，其中已超期（红牌）${red} 件、临近时限（黄牌）${cases.length - red} 件。`
          : ''}
      </Typography.Paragraph>
      {list.error ? <Alert type="error" showIcon message={describeError(list.error)} /> : null}
      <Card
        size="small"
        title={
          <Radio.Group value={sort} onChange={(event) => setSort(event.target.value)} size="small">
            <Radio.Button value="due">按到期日</Radio.Button>
            <Radio.Button value="level">先看红牌</Radio.Button>
          </Radio.Group>
        }
      >
        <List
          loading={list.isLoading}
          dataSource={cases}
          locale={{ emptyText: '没有临近时限或超期的办件' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
          renderItem={(entry) => (
            <List.Item>
              <Space orientation="vertical" size={2} className="cases-staff-list-item">
                <Space wrap size={[8, 4]}>
                  <Link to={`/workbench/cases/${entry.id}`}>{entry.itemName}</Link>
                  <WarningTag level={entry.warningLevel} />
                  <CaseStateTag state={entry.state} label={entry.stateLabel} />
                </Space>
                <Typography.Text type="secondary" className="cases-staff-word-break">
                  {entry.departmentName} · {entry.number}
                  {entry.dueOn ? ` · 应于${formatDay(entry.dueOn)}前办结` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </div>
  )
}
