import { FontSizeOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLargeFont, useLargeFont } from './large-font.js'

/** The header toggle for large type (适老化); pressed state is announced to screen readers. */
export function LargeFontSwitch() {
  const { t } = useTranslation()
  const isLarge = useLargeFont()
  return (
    <Button
      type="text"
      className="on-dark-button large-font-switch"
      icon={<FontSizeOutlined aria-hidden />}
      aria-pressed={isLarge}
      title={t('services.largeFontLabel')}
      onClick={() => setLargeFont(!isLarge)}
      data-testid="large-font-switch"
    >
      {isLarge ? t('services.largeFontOff') : t('services.largeFontOn')}
    </Button>
  )
}
