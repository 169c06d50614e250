import { useTranslation } from 'react-i18next'
import { LinkButton } from '../kit/layout/LinkButton.js'
import { useSession } from '../kit/session/useSession.js'
import { useDocumentTitle } from '../kit/useDocumentTitle.js'
import { MODULES, useDepartments, useSiteTitle } from './modules.js'

const ENTRY_POINTS = MODULES.flatMap((module) => module.portalEntryPoints ?? [])
const HERO = ENTRY_POINTS.filter((entry) => entry.slot === 'hero')
const SECTIONS = ENTRY_POINTS.filter((entry) => entry.slot === 'section')

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

/**
 * `/`: the public portal home, the shell's own page: a welcome banner with the modules' hero entry points (catalog's
 * service search), then the modules' sections (identity's departments), then practical information.
 */
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
          {HERO.map(({ key, component: EntryPoint }) => (
            <EntryPoint key={key} />
          ))}
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
        {SECTIONS.map(({ key, component: EntryPoint }) => (
          <EntryPoint key={key} />
        ))}
        <InformationSection />
      </div>
    </>
  )
}
