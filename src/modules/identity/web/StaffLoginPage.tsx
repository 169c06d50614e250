import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { LoginForm } from './LoginForm.js'

/** `/staff/login`: 工作人员登录, the way into the workbench. */
export function StaffLoginPage() {
  const { t } = useTranslation()
  return (
    <LoginForm
      audience="staff"
      title={t('identity.staffLoginTitle')}
      subtitle={t('identity.staffLoginSubtitle')}
      loginNameLabel={t('identity.staffLoginNameLabel')}
      loginNamePlaceholder={t('identity.staffLoginNamePlaceholder')}
      loginNameRequired={t('identity.staffLoginNameRequired')}
      footer={
        <p>
          {t('identity.publicLoginHint')} <Link to="/login">{t('identity.publicLoginLink')}</Link>
        </p>
      }
    />
  )
}
