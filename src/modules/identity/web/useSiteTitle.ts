import { useTranslation } from 'react-i18next'
import { useDepartments } from './useDepartments.js'

/** The site title, e.g. 常熟市政务服务网, from the division the server is configured for. */
export function useSiteTitle(): string {
  const { t } = useTranslation()
  const { data } = useDepartments()
  return data ? t('common.siteTitle', { name: data.division.name }) : t('common.siteTitleFallback')
}
