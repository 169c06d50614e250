import { ApartmentOutlined, BankOutlined, UserOutlined } from '@ant-design/icons'
import { Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { Facets } from '../catalog.schemas.js'
import { catalogApi } from './catalog-api.js'
import { ServiceSearchBox } from './ServiceSearchBox.js'
import { THEMES } from './service-codes.js'
import './services.css'

type ThemeFacet = Facets['themes'][number]

function ThemeTiles({ themes, subject }: { themes: ThemeFacet[]; subject: ThemeFacet['subject'] }) {
  const { t } = useTranslation()
  return (
    <ul className="theme-grid" data-testid={`themes-${subject}`}>
      {themes.map((theme) => (
        <li key={theme.code}>
          <Link className="theme-tile" to={`/services/search?theme=${theme.code}&subject=${subject}`}>
            <span className="theme-tile-name">{t(`services.theme_${theme.code}`)}</span>
            <span className="theme-tile-count">{t('services.itemCount', { count: theme.count })}</span>
          </Link>
        </li>
      ))}
    </ul>
  )
}

/** `/services`: the public guide portal's front door: search, themes for people and companies, departments. */
export function ServicesPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('services.browseTitle'))
  const { data, error, isLoading, reload } = useApiData((signal) => catalogApi.getFacets(signal), 'facets')
  // Themes in the national order (生育收养, 教育, 就业创业 …), not by count, so people find them where they expect.
  const themes = [...(data?.themes ?? [])].sort((a, b) => THEMES.indexOf(a.code) - THEMES.indexOf(b.code))
  const personThemes = themes.filter((theme) => theme.subject === 'natural_person')
  const companyThemes = themes.filter((theme) => theme.subject === 'legal_person')

  return (
    <div className="services-page">
      <section className="services-banner">
        <div className="services-banner-inner">
          <h1 className="services-title">{t('services.browseTitle')}</h1>
          <p className="services-intro">{t('services.browseIntro')}</p>
          <ServiceSearchBox placeholder={t('services.homeSearchPlaceholder')} />
        </div>
      </section>
      <div className="services-content">
        {isLoading && <Skeleton active paragraph={{ rows: 6 }} />}
        {!isLoading && (error || !data) && <LoadFailedAlert onRetry={reload} />}
        {data && (
          <>
            <section className="services-section" aria-labelledby="person-themes">
              <h2 id="person-themes" className="section-title">
                <UserOutlined aria-hidden /> {t('services.personThemes')}
              </h2>
              <ThemeTiles themes={personThemes} subject="natural_person" />
            </section>
            <section className="services-section" aria-labelledby="company-themes">
              <h2 id="company-themes" className="section-title">
                <BankOutlined aria-hidden /> {t('services.companyThemes')}
              </h2>
              <ThemeTiles themes={companyThemes} subject="legal_person" />
            </section>
            <section className="services-section" aria-labelledby="by-department">
              <h2 id="by-department" className="section-title">
                <ApartmentOutlined aria-hidden /> {t('services.byDepartment')}
              </h2>
              <ul className="theme-grid department-list" data-testid="service-departments">
                {data.departments.map((department) => (
                  <li key={department.id}>
                    <Link
                      className="theme-tile"
                      to={`/services/search?department=${encodeURIComponent(department.code)}`}
                    >
                      <span className="theme-tile-name">{department.name}</span>
                      <span className="theme-tile-count">{t('services.itemCount', { count: department.count })}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          </>
        )}
      </div>
    </div>
  )
}
