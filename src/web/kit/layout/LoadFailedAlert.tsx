import { Alert, Button } from 'antd'
import { useTranslation } from 'react-i18next'

/** What a page shows when its data could not be loaded: say so, and offer to try again. */
export function LoadFailedAlert({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  )
}
