import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en.js'
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

/** Switches the UI language and remembers the choice on this browser. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
  await i18n.changeLanguage(language)
}

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'zh'
}

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: readStoredLanguage(),
  fallbackLng: 'zh',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
})

export { i18n }
