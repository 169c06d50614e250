import { KeyOutlined, LogoutOutlined, SafetyOutlined } from '@ant-design/icons'
import { App, Button, Card, Descriptions, type DescriptionsProps, Grid, Spin } from 'antd'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router-dom'
import { formatDateTime } from '../../../web/kit/format.js'
import { kindLabel, roleLabel } from '../../../web/kit/labels.js'
import { LinkButton } from '../../../web/kit/layout/LinkButton.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import { Permission } from '../../../web/kit/types.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { MyDataSection } from './MyDataSection.js'

/** `/me`: the logged-in user's own account, with personal numbers masked, and logout. */
export function MyAccountPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const session = useSession()
  const { status, account, previousLogin, signOut } = session
  const screens = Grid.useBreakpoint()
  useDocumentTitle(t('identity.meTitle'))

  if (status === 'loading') {
    return (
      <div className="page-loading">
        <Spin size="large" description={t('common.loading')} />
      </div>
    )
  }
  if (!account) return <Navigate to="/login?next=%2Fme" replace />

  // Once logged in, lastLoginAt is this very login; only the login response's previousLogin tells the one before.
  // Without it (a new tab), show lastLoginAt under an honest label rather than call it the previous one.
  let lastLoginLabel = t('identity.meLastLogin')
  let lastLogin = t('identity.meNeverLoggedIn')
  if (previousLogin) lastLogin = formatDateTime(previousLogin.at)
  else if (previousLogin === undefined && account.lastLoginAt) {
    lastLoginLabel = t('identity.meLatestLogin')
    lastLogin = formatDateTime(account.lastLoginAt)
  }

  const items: DescriptionsProps['items'] = [
    { key: 'displayName', label: t('identity.meDisplayName'), children: account.displayName },
    { key: 'loginName', label: t('identity.meLoginName'), children: account.loginName },
    { key: 'kind', label: t('identity.meKind'), children: kindLabel(t, account.kind) },
  ]
  if (account.kind === 'person') {
    items.push({
      key: 'idNumber',
      label: t('identity.meIdNumber'),
      children: account.maskedIdNumber ?? t('common.none'),
    })
  }
  if (account.kind === 'organization') {
    items.push({ key: 'uscc', label: t('identity.meUscc'), children: account.uscc ?? t('common.none') })
  }
  if (account.kind === 'staff') {
    items.push(
      {
        key: 'roles',
        label: t('identity.meRoles'),
        children: account.roles.map((role) => roleLabel(t, role)).join('、') || t('common.none'),
      },
      { key: 'department', label: t('identity.meDepartment'), children: account.department?.name ?? t('common.none') },
    )
  }
  items.push(
    { key: 'phone', label: t('identity.mePhone'), children: account.maskedPhone ?? t('common.none') },
    { key: 'lastLogin', label: lastLoginLabel, children: lastLogin },
  )
  if (account.kind === 'staff') {
    items.push({
      key: 'totp',
      label: t('identity.meTotp'),
      children: account.hasTotp ? t('identity.meTotpOn') : t('identity.meTotpOff'),
    })
  }
  const canEnrollTotp = hasPermission(session, Permission.totpEnroll)

  const logout = async () => {
    const loggingOut = signOut()
    navigate('/', { replace: true })
    await loggingOut
    void message.success(t('common.loggedOut'))
  }

  return (
    <div className="account-page">
      <Card variant="outlined">
        <div className="account-header">
          <h1 className="page-title">{t('identity.meTitle')}</h1>
          <div className="account-actions">
            {account.kind === 'staff' && (
              <LinkButton to="/workbench" type="primary">
                {t('identity.goWorkbench')}
              </LinkButton>
            )}
            <Button icon={<LogoutOutlined aria-hidden />} onClick={logout}>
              {t('common.logout')}
            </Button>
          </div>
        </div>
        <Descriptions
          bordered
          column={1}
          layout={screens.sm === false ? 'vertical' : 'horizontal'}
          size="middle"
          items={items}
          className="account-details"
          data-testid="account-details"
        />
        <p className="account-note">{t('identity.mePrivacyNote')}</p>
        <section className="account-security" aria-labelledby="account-security-title">
          <h2 id="account-security-title" className="section-title">
            {t('identity.meSecurityTitle')}
          </h2>
          <div className="account-actions">
            <LinkButton to="/account/password" icon={<KeyOutlined aria-hidden />}>
              {t('identity.passwordChangeTitle')}
            </LinkButton>
            {canEnrollTotp && (
              <LinkButton to="/account/totp" icon={<SafetyOutlined aria-hidden />}>
                {account.hasTotp ? t('identity.totpRebind') : t('identity.totpMenu')}
              </LinkButton>
            )}
          </div>
        </section>
        <MyDataSection kind={account.kind} />
      </Card>
    </div>
  )
}
