import { Alert, App, Button, Card, Typography } from 'antd'
import { useState } from 'react'
import { describeError } from '../../../../web/kit/api.js'
import { useApiData } from '../../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../../web/kit/useDocumentTitle.js'
import { CaseSummaryList } from './CaseSummaryList.js'
import { ReturnModal } from './decision-modals.js'
import { staffApi } from './staff-api.js'
import './staff.css'

/** `/workbench/cases/pre-review`: applications submitted online to my department, to pass or return with reasons. */
export function PreReviewPage() {
  useDocumentTitle('网上预审')
  const { message } = App.useApp()
  const [attempt, setAttempt] = useState(0)
  const [returning, setReturning] = useState<string>()
  const [passing, setPassing] = useState<string>()
  const list = useApiData((signal) => staffApi.listHandling('submitted', signal), `pre-review:${attempt}`)
  const online = (list.data?.cases ?? []).filter((summary) => summary.channel === 'online')
  const reload = () => setAttempt((value) => value + 1)
  return (
    <div className="cases-staff-page">
      <Typography.Title level={3}>网上预审</Typography.Title>
      <Typography.Paragraph type="secondary">
        打开案卷核对申请表、材料和智能预审结果；通过后即可受理，不符合的逐条写明理由退回修改。
      </Typography.Paragraph>
      {list.error ? <Alert type="error" showIcon message={describeError(list.error)} /> : null}
      <Card size="small">
        <CaseSummaryList
          cases={online}
          loading={list.isLoading}
          emptyText="没有待预审的网上申请"
          actions={(summary) => [
            <Button
              key="pass"
              size="small"
              loading={passing === summary.id}
              onClick={async () => {
                setPassing(summary.id)
                try {
                  await staffApi.passPreReview(summary.id)
                  message.success(`${summary.number} 预审通过`)
                  reload()
                } finally {
                  setPassing(undefined)
                }
              }}
            >
              通过
            </Button>,
            <Button key="return" size="small" onClick={() => setReturning(summary.id)}>
              退回
            </Button>,
          ]}
        />
      </Card>
      <ReturnModal
        open={returning !== undefined}
        caseId={returning ?? ''}
        onClose={() => setReturning(undefined)}
        onDone={() => {
          message.success('已退回修改')
          reload()
        }}
      />
    </div>
  )
}
