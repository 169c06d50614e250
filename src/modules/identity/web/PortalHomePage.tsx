import { ApartmentOutlined } from '@ant-design/icons'
import { Alert, Button, Empty, Skeleton } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LinkButton } from '../../../web/layout/LinkButton.js'
import { useSiteTitle } from '../../../web/layout/PortalLayout.js'
import { useSession } from '../../../web/session/useSession.js'
import type { Department } from '../../../web/types.js'
import { useDocumentTitle } from '../../../web/useDocumentTitle.js'
import { HomeServiceSearch } from '../../catalog/web/index.js'
import { useDepartments } from './useDepartments.js'

function DepartmentCard({ department }: { department: Department }) {
  const { t } = useTranslation()
  return (
    <li className="department-card">
      <ApartmentOutlined className="department-card-icon" aria-hidden />
      <div className="department-card-body">
        <span className="department-card-name">{department.name}</span>
        {department.children.length > 0 && (
          <span className="department-card-units">
            {t('portal.departmentUnits', {
              count: department.children.length,
              names: department.children.map((child) => child.name).join(t('portal.listSeparator')),
            })}
          </span>
        )}
      </div>
    </li>
  )
}

function DepartmentsSection() {
  const { t } = useTranslation()
  const { data, error, isLoading, reload } = useDepartments()
  let content: ReactNode
  if (isLoading) content = <Skeleton active paragraph={{ rows: 4 }} />
  else if (error || !data) {
    content = (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        action={
          <Button size="small" onClick={reload}>
            {t('common.retry')}
          </Button>
        }
      />
    )
  } else if (data.departments.length === 0) {
    content = <Empty description={t('portal.departmentsEmpty')} />
  } else {
    content = (
      <>
        <p className="section-intro">{t('portal.departmentsIntro', { name: data.division.name })}</p>
        <ul className="department-grid" data-testid="portal-departments">
          {data.departments.map((department) => (
            <DepartmentCard key={department.id} department={department} />
          ))}
        </ul>
      </>
    )
  }
  return (
    <section className="portal-section" aria-labelledby="departments-title">
      <h2 id="departments-title" className="section-title">
        {t('portal.departmentsTitle')}
      </h2>
      {content}
    </section>
  )
}

function InformationSection() {
  const { t } = useTranslation()
  const { data } = useDepartments()
  const centreName = data?.division.name ?? ''
  const rows = [
    [t('portal.infoPlaceLabel'), t('portal.infoPlaceValue', { name: centreName })],
    [t('portal.infoHoursLabel'), t('portal.infoHoursValue')],
    [t('portal.infoHotlineLabel'), t('portal.infoHotlineValue')],
    [t('portal.infoMaterialsLabel'), t('portal.infoMaterialsValue')],
  ] as const
  return (
    <section className="portal-section" aria-labelledby="information-title">
      <h2 id="information-title" className="section-title">
        {t('portal.infoTitle')}
      </h2>
      {/* A bordered box, not antd's Card: Card brings Tabs, Menu and Dropdown into the portal's first download. */}
      <div className="info-card">
        <dl className="info-list">
          {rows.map(([label, value]) => (
            <div key={label} className="info-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  )
}

/** `/`: the public portal home: welcome, the centre's departments, practical information. */
export function PortalHomePage() {
  const { t } = useTranslation()
  const { account } = useSession()
  const { data } = useDepartments()
  const siteTitle = useSiteTitle()
  useDocumentTitle(siteTitle)
  return (
    <>
      <section className="portal-hero">
        <div className="portal-hero-inner">
          <h1 className="portal-hero-title">
            {data ? t('portal.heroTitle', { name: data.division.name }) : t('common.siteTitleFallback')}
          </h1>
          {data && <p className="portal-hero-division">{data.division.fullName}</p>}
          <p className="portal-hero-text">{t('portal.heroText')}</p>
          <HomeServiceSearch />
          {!account && (
            <div className="portal-hero-actions">
              <LinkButton to="/register" type="primary" size="large">
                {t('portal.heroRegister')}
              </LinkButton>
              <LinkButton to="/login" size="large">
                {t('portal.heroLogin')}
              </LinkButton>
            </div>
          )}
        </div>
      </section>
      <div className="portal-content">
        <DepartmentsSection />
        <InformationSection />
      </div>
    </>
  )
}
