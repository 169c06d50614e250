import { Alert, Empty, Skeleton, Tag } from 'antd'
import { Link, Navigate } from 'react-router-dom'
import { formatDateTime } from '../../../web/kit/format.js'
import { LinkButton } from '../../../web/kit/layout/LinkButton.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { formatDay, stateColor } from './case-labels.js'
import { type CaseSummary, casesApi } from './cases-api.js'
import './cases.css'

export function caseLink(item: CaseSummary): string {
  return item.state === 'draft'
    ? `/cases/apply/${encodeURIComponent(item.itemCode)}?case=${encodeURIComponent(item.id)}`
    : `/my/cases/${encodeURIComponent(item.id)}`
}

/** `/my/cases` 我的办件: drafts and cases (own and filed for others), state, what to do now, due date. */
export function MyCasesPage() {
  const { account, status } = useSession()
  useDocumentTitle('我的办件')
  if (status === 'loading') return <Skeleton className="case-page" active />
  if (!account) return <Navigate to="/login?next=%2Fmy%2Fcases" replace />
  return <MyCasesList />
}

function MyCasesList() {
  const { data, error, isLoading } = useApiData((signal) => casesApi.listMine(signal), 'mine')
  return (
    <div className="case-page">
      <h1 className="case-title">我的办件</h1>
      <p className="muted">
        这里列出您在网上提交或保存的申请，以及在窗口办理的事项。查询他人办件请用
        <Link to="/cases/status">办件进度查询</Link>。
      </p>
      {isLoading && <Skeleton active paragraph={{ rows: 6 }} />}
      {error !== undefined && <Alert type="warning" showIcon title="暂时无法读取您的办件，请稍后刷新再试。" />}
      {data && data.cases.length === 0 && (
        <Empty description="您还没有办件">
          <LinkButton type="primary" to="/services">
            去办事指南找事项
          </LinkButton>
        </Empty>
      )}
      {data && data.cases.length > 0 && (
        <ul className="case-list" data-testid="my-cases">
          {data.cases.map((item) => (
            <li key={item.id} className="case-card" data-testid="case-card">
              <div className="case-card-head">
                <Link to={caseLink(item)} className="case-card-title">
                  {item.itemName}
                </Link>
                <Tag color={stateColor(item.state)} data-testid="case-state">
                  {item.stateLabel}
                </Tag>
              </div>
              {item.nextStep && <p className="case-next-step">{item.nextStep}</p>}
              <p className="muted case-card-meta">
                {item.state === 'draft' ? (
                  <>保存于 {formatDateTime(item.createdAt)}</>
                ) : (
                  <>
                    办件编号 {item.number}
                    {item.submittedAt && <> · 提交于 {formatDateTime(item.submittedAt)}</>}
                  </>
                )}
                {item.dueOn && <> · 承诺 {formatDay(item.dueOn)} 前办结</>}
              </p>
              <LinkButton size="small" to={caseLink(item)}>
                {item.state === 'draft' ? '继续填写' : '查看详情'}
              </LinkButton>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
