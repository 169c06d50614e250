import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { LoginForm } from './LoginForm.js'

/** `/login`: 群众 and 企业 log in with a login name or a 居民身份证号码. */
export function LoginPage() {
  const { t } = useTranslation()
  return (
    <LoginForm
      audience="public"
      title={t('identity.loginTitle')}
      subtitle={t('identity.loginSubtitle')}
      loginNameLabel={t('identity.loginNameOrIdLabel')}
      loginNamePlaceholder={t('identity.loginNameOrIdPlaceholder')}
      loginNameRequired={t('identity.loginNameOrIdRequired')}
      footer={
        <>
          <p>
            {t('identity.noAccount')} <Link to="/register">{t('identity.goRegister')}</Link>
          </p>
          <p>
            {t('identity.staffLoginHint')} <Link to="/staff/login">{t('common.staffEntry')}</Link>
          </p>
        </>
      }
    />
  )
}
