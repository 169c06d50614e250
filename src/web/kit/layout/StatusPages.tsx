import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router-dom'
import { PageLoadError } from '../lazy-page.js'
import { useDocumentTitle } from '../useDocumentTitle.js'
import { LinkButton } from './LinkButton.js'

export function NotFoundPage({ homePath = '/' }: { homePath?: string }) {
  const { t } = useTranslation()
  useDocumentTitle(t('common.notFoundTitle'))
  return (
    <Result
      status="info"
      title={<h1 className="result-title">{t('common.notFoundTitle')}</h1>}
      subTitle={t('common.notFoundText')}
      extra={
        <LinkButton type="primary" to={homePath}>
          {homePath === '/' ? t('common.backHome') : t('common.backToWorkbench')}
        </LinkButton>
      }
    />
  )
}

/** Inside the workbench: this account lacks the page's permission; offer the way back to the workbench home. */
export function ForbiddenPanel() {
  const { t } = useTranslation()
  useDocumentTitle(t('common.forbiddenTitle'))
  return (
    <Result
      status="warning"
      title={<h1 className="result-title">{t('common.forbiddenTitle')}</h1>}
      subTitle={t('common.forbiddenText')}
      extra={
        <LinkButton type="primary" to="/workbench">
          {t('common.backToWorkbench')}
        </LinkButton>
      }
    />
  )
}

/** Shown by the router when a page throws while rendering. */
export function RouteErrorPage() {
  const { t } = useTranslation()
  const error = useRouteError()
  console.error(error)
  // A page's chunk that cannot be fetched (usually a redeploy) is not a fault of the page: say what to do.
  const isPageLoadError = error instanceof PageLoadError
  return (
    <Result
      status={isPageLoadError ? 'info' : 'error'}
      title={
        <h1 className="result-title">{t(isPageLoadError ? 'common.pageUpdatedTitle' : 'common.unexpectedTitle')}</h1>
      }
      subTitle={t(isPageLoadError ? 'common.pageUpdatedText' : 'common.unexpectedText')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  )
}
