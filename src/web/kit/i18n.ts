import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { MessageGroups } from './module-pages.js'

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

// The shell says where the English texts come from (setUpI18n); until then there are none.
let loadEnglish: () => Promise<MessageGroups> = async () => ({})

/**
 * Fetches the English messages on first use: most visitors read Chinese, so the English texts are their own chunks
 * and stay out of the portal's first download (ADR 0019).
 */
async function loadMessages(language: Language): Promise<void> {
  if (language === 'zh' || i18n.hasResourceBundle(language, 'translation')) return
  i18n.addResourceBundle('en', 'translation', await loadEnglish())
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

/**
 * Starts i18next with the Chinese texts (shell and modules) and a loader of the English ones. Resolves once the
 * remembered language's messages are in: main.tsx renders after it, so English never flashes Chinese.
 */
export function setUpI18n(messages: { zh: MessageGroups; en: () => Promise<MessageGroups> }): Promise<void> {
  loadEnglish = messages.en
  const initialLanguage = readStoredLanguage()
  void i18n.use(initReactI18next).init({
    resources: { zh: { translation: messages.zh } },
    lng: 'zh',
    fallbackLng: 'zh',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  if (initialLanguage === 'zh') return Promise.resolve()
  return loadMessages(initialLanguage).then(
    () => i18n.changeLanguage(initialLanguage).then(() => undefined),
    // Offline or a redeploy: show the page in Chinese rather than nothing.
    () => undefined,
  )
}

export { i18n }
