import {
  BankOutlined,
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Result, Spin, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { roleLabel } from '../../kit/labels.js'
import { useSession } from '../../kit/session/useSession.js'
import { Permission } from '../../kit/types.js'
import { useDocumentTitle } from '../../kit/useDocumentTitle.js'
import { LanguageSwitch } from './LanguageSwitch.js'
import { findSelectedEntry, listWorkbenchEntries } from './workbench-menu.js'

function WorkbenchMenu({ permissions, onNavigate }: { permissions: string[]; onNavigate?: () => void }) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  const items: MenuProps['items'] = listWorkbenchEntries(permissions).map((entry) => ({
    key: entry.path,
    icon: entry.icon,
    label: (
      <Link to={entry.path} onClick={onNavigate}>
        {t(entry.labelKey)}
      </Link>
    ),
  }))
  const selected = findSelectedEntry(pathname)
  return (
    <nav aria-label={t('workbench.menuLabel')}>
      <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} className="workbench-menu" />
    </nav>
  )
}

function NotForStaff({ isStaff }: { isStaff: boolean }) {
  const { t } = useTranslation()
  const { signOut } = useSession()
  const navigate = useNavigate()
  useDocumentTitle(isStaff ? t('common.forbiddenTitle') : t('workbench.notStaffTitle'))
  return (
    <Result
      status="warning"
      title={<h1 className="result-title">{isStaff ? t('common.forbiddenTitle') : t('workbench.notStaffTitle')}</h1>}
      subTitle={isStaff ? t('common.forbiddenText') : t('workbench.notStaffText')}
      extra={
        <Button
          type="primary"
          onClick={() => {
            void signOut()
            navigate('/staff/login', { replace: true })
          }}
        >
          {t('common.logout')}
        </Button>
      }
    />
  )
}

/** The staff area: side menu by permission, header with who is logged in; staff only. */
export function WorkbenchLayout() {
  const { t } = useTranslation()
  const { status, account, signOut } = useSession()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const location = useLocation()
  const screens = Grid.useBreakpoint()
  const [isDrawerOpen, setIsDrawerOpen] = useState(false)

  if (status === 'loading') {
    return (
      <div className="page-loading">
        <Spin size="large" description={t('common.loading')} />
      </div>
    )
  }
  if (!account) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`)
    return <Navigate to={`/staff/login?next=${next}`} replace />
  }
  if (account.kind !== 'staff' || !account.permissions.includes(Permission.workbenchUse)) {
    return <NotForStaff isStaff={account.kind === 'staff'} />
  }

  // Until antd has measured the screen, assume a wide one so the desktop layout does not flash a drawer.
  const isWide = screens.lg ?? true
  const logout = async () => {
    const loggingOut = signOut()
    navigate('/staff/login', { replace: true })
    await loggingOut
    void message.success(t('common.loggedOut'))
  }
  // The user menu: my account, and the two security actions every staff member may take at any time.
  const userMenuItems: MenuProps['items'] = [
    { key: '/me', icon: <UserOutlined aria-hidden />, label: t('common.myAccount') },
    { key: '/account/password', icon: <KeyOutlined aria-hidden />, label: t('identity.passwordChangeTitle') },
    ...(account.permissions.includes(Permission.totpEnroll)
      ? [{ key: '/account/totp', icon: <SafetyOutlined aria-hidden />, label: t('identity.totpMenu') }]
      : []),
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: t('common.logout') },
  ]
  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'logout') void logout()
    else navigate(key)
  }
  const brand = (
    <Link to="/workbench" className="workbench-brand">
      <BankOutlined aria-hidden className="workbench-brand-mark" />
      <span>{t('workbench.title')}</span>
    </Link>
  )

  return (
    <Layout className="workbench">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      {isWide ? (
        <Layout.Sider width={220} theme="light" className="workbench-sider">
          {brand}
          <WorkbenchMenu permissions={account.permissions} />
        </Layout.Sider>
      ) : (
        <Drawer
          placement="left"
          open={isDrawerOpen}
          onClose={() => setIsDrawerOpen(false)}
          size={260}
          title={t('workbench.title')}
          styles={{ body: { padding: 0 } }}
        >
          <WorkbenchMenu permissions={account.permissions} onNavigate={() => setIsDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="workbench-header">
          {!isWide && (
            <Button
              type="text"
              className="on-dark-button"
              icon={<MenuOutlined />}
              aria-label={t('workbench.openMenu')}
              aria-expanded={isDrawerOpen}
              onClick={() => setIsDrawerOpen(true)}
            />
          )}
          {!isWide && <span className="workbench-header-title">{t('workbench.title')}</span>}
          <div className="workbench-header-spacer" />
          <div className="workbench-user" data-testid="workbench-user">
            <Dropdown menu={{ items: userMenuItems, onClick: onUserMenu }} trigger={['click']} placement="bottomRight">
              <Button
                type="text"
                className="on-dark-button workbench-user-button"
                aria-label={t('workbench.userMenu', { name: account.displayName })}
                data-testid="workbench-user-menu"
              >
                <span className="workbench-user-name">{account.displayName}</span>
                <DownOutlined aria-hidden className="workbench-user-caret" />
              </Button>
            </Dropdown>
            {isWide && (
              <>
                {account.roles.map((role) => (
                  <Tag key={role} className="workbench-role-tag">
                    {roleLabel(t, role)}
                  </Tag>
                ))}
                {account.department && <span className="workbench-user-department">{account.department.name}</span>}
              </>
            )}
          </div>
          <LanguageSwitch onDark />
          <Button type="text" className="on-dark-button" icon={<LogoutOutlined aria-hidden />} onClick={logout}>
            {isWide ? t('common.logout') : <span className="visually-hidden">{t('common.logout')}</span>}
          </Button>
        </Layout.Header>
        <Layout.Content className="workbench-content">
          <main id="main" tabIndex={-1}>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
