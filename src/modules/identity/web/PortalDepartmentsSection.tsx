import { ApartmentOutlined } from '@ant-design/icons'
import { Empty, Skeleton } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import type { Department } from '../../../web/kit/types.js'
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

/** The portal home's list of the centre's departments (a portal entry point of identity). */
export function PortalDepartmentsSection() {
  const { t } = useTranslation()
  const { data, error, isLoading, reload } = useDepartments()
  let content: ReactNode
  if (isLoading) content = <Skeleton active paragraph={{ rows: 4 }} />
  else if (error || !data) {
    content = <LoadFailedAlert onRetry={reload} />
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
