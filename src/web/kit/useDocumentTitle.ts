import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

/** Sets the browser tab title to "<page> - 通办" so screen readers and tabs name the page. */
export function useDocumentTitle(pageTitle: string | undefined): void {
  const { t } = useTranslation()
  const appName = t('common.appName')
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} - ${appName}` : appName
  }, [pageTitle, appName])
}
