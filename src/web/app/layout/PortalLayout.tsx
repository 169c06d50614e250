import { BankOutlined, UserOutlined } from '@ant-design/icons'
import { ConfigProvider } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, NavLink, Outlet } from 'react-router-dom'
import { LinkButton } from '../../kit/layout/LinkButton.js'
import { useSession } from '../../kit/session/useSession.js'
import { MODULES, useDepartments, useSiteTitle } from '../modules.js'
import { LanguageSwitch } from './LanguageSwitch.js'
import { LargeFontSwitch } from './LargeFontSwitch.js'
import { LARGE_FONT_TOKENS, useLargeFont } from './large-font.js'

const NAV_LINKS = MODULES.flatMap((module) => module.portalNav ?? [])

function AccountActions() {
  const { t } = useTranslation()
  const { status, account } = useSession()
  if (status === 'loading') return null
  if (!account) {
    return (
      <>
        <LinkButton to="/login" ghost className="portal-login-button">
          {t('common.login')}
        </LinkButton>
        <LinkButton to="/register" className="portal-register-button">
          {t('common.register')}
        </LinkButton>
      </>
    )
  }
  const to = account.kind === 'staff' ? '/workbench' : '/me'
  return (
    <LinkButton to={to} ghost icon={<UserOutlined aria-hidden />} className="portal-account-button">
      <span className="portal-account-name">{account.displayName}</span>
    </LinkButton>
  )
}

/** Header, navigation and footer of the public pages. */
export function PortalLayout() {
  const { t } = useTranslation()
  const siteTitle = useSiteTitle()
  const { data } = useDepartments()
  const isLargeFont = useLargeFont()
  return (
    // 适老化: large-font mode scales antd's tokens and the portal's own sizes together.
    <ConfigProvider theme={isLargeFont ? { token: LARGE_FONT_TOKENS } : undefined}>
      <div className={isLargeFont ? 'portal large-font' : 'portal'}>
        <a className="skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <header className="portal-header">
          <div className="portal-header-inner">
            <Link to="/" className="portal-brand">
              <BankOutlined className="portal-brand-mark" aria-hidden />
              <span className="portal-brand-title">{siteTitle}</span>
            </Link>
            <nav className="portal-nav" aria-label={t('common.mainNav')}>
              <NavLink to="/" end>
                {t('common.home')}
              </NavLink>
              {NAV_LINKS.map((link) => (
                <NavLink key={link.path} to={link.path}>
                  {t(link.labelKey)}
                </NavLink>
              ))}
            </nav>
            <div className="portal-actions">
              <LargeFontSwitch />
              <LanguageSwitch onDark />
              <AccountActions />
            </div>
          </div>
        </header>
        <main id="main" className="portal-main" tabIndex={-1}>
          <Outlet />
        </main>
        <footer className="portal-footer">
          <div className="portal-footer-inner">
            <p className="portal-footer-title">
              {data ? t('portal.footerHost', { name: data.division.name }) : t('common.siteTitleFallback')}
            </p>
            <p>
              <span>{t('portal.footerHotline')}</span>
              <span className="portal-footer-sep" aria-hidden>
                |
              </span>
              <Link to="/staff/login">{t('common.staffEntry')}</Link>
            </p>
            <p className="portal-footer-tech">{t('portal.footerTech')}</p>
          </div>
        </footer>
      </div>
    </ConfigProvider>
  )
}
