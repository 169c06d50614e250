import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { zh } from './zh.js'

export const LANGUAGES = ['zh', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'tongban.language'

/** The language chosen earlier on this browser; Chinese when none was chosen. */
export function readStoredLanguage(): Language {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    // Storage can be blocked by browser policy; the page still works in Chinese.
    return 'zh'
  }
}

/**
 * Fetches the English messages on first use: most visitors read Chinese, so the English texts are their own chunk
 * and stay out of the portal's first download (ADR 0019).
 */
async function loadMessages(language: Language): Promise<void> {
  if (language === 'zh' || i18n.hasResourceBundle(language, 'translation')) return
  const { en } = await import('./en.js')
  i18n.addResourceBundle('en', 'translation', en)
}

/** Switches the UI language and remembers the choice on this browser. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
  await loadMessages(language)
  await i18n.changeLanguage(language)
}

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'zh'
}

const initialLanguage = readStoredLanguage()

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh } },
  lng: 'zh',
  fallbackLng: 'zh',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
})

/** Resolves once the remembered language's messages are in: main.tsx renders after it, so English never flashes Chinese. */
export const i18nReady: Promise<void> =
  initialLanguage === 'zh'
    ? Promise.resolve()
    : loadMessages(initialLanguage).then(
        () => i18n.changeLanguage(initialLanguage).then(() => undefined),
        // Offline or a redeploy: show the page in Chinese rather than nothing.
        () => undefined,
      )

export { i18n }
