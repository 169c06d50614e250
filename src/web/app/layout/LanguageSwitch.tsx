import { GlobalOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { changeLanguage, currentLanguage } from '../../kit/i18n.js'

/** One button that flips between 中文 and English; the choice is kept in localStorage. */
export function LanguageSwitch({ onDark = false }: { onDark?: boolean }) {
  const { t } = useTranslation()
  const target = currentLanguage() === 'zh' ? 'en' : 'zh'
  return (
    <Button
      type="text"
      className={onDark ? 'on-dark-button' : undefined}
      icon={<GlobalOutlined aria-hidden />}
      title={t('common.switchLanguageLabel')}
      onClick={() => void changeLanguage(target)}
    >
      <span lang={target === 'en' ? 'en' : 'zh-CN'}>{t('common.switchLanguage')}</span>
    </Button>
  )
}
