import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd'
import enUSModule from 'antd/es/locale/en_US.js'
import zhCNModule from 'antd/es/locale/zh_CN.js'
import { type ReactNode, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { SessionProvider } from '../kit/session/SessionProvider.js'
import { theme } from './theme.js'

type AntLocale = NonNullable<ConfigProviderProps['locale']>

// antd's locale files are typed as CommonJS; Vite hands us the ES module's default. Accept both shapes.
function unwrapLocale(module: unknown): AntLocale {
  const value = module as AntLocale | { default: AntLocale }
  return 'default' in value ? value.default : value
}

const zhCN = unwrapLocale(zhCNModule)
const enUS = unwrapLocale(enUSModule)

/** antd theme and locale (following the i18next language), antd's App context and the session. */
export function AppProviders({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  const isEnglish = i18n.resolvedLanguage === 'en'

  useEffect(() => {
    document.documentElement.lang = isEnglish ? 'en' : 'zh-CN'
  }, [isEnglish])

  return (
    // No space forced between two Chinese characters on buttons ("登 录"): it reads oddly beside longer labels.
    <ConfigProvider locale={isEnglish ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>{children}</SessionProvider>
      </AntApp>
    </ConfigProvider>
  )
}
