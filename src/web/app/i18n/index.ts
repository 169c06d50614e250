import { setUpI18n } from '../../kit/i18n.js'
import type { MessageGroups } from '../../kit/module-pages.js'
import { MODULES } from '../modules.js'
import { zh } from './zh.js'

// The shell's own texts (common, portal, workbench, ...) plus the groups each module contributes (ModulePages).
const moduleZh = Object.assign({}, ...MODULES.map((module) => module.messages?.zh ?? {})) as MessageGroups

async function loadEnglish(): Promise<MessageGroups> {
  const [{ en }, ...moduleEn] = await Promise.all([
    import('./en.js'),
    ...MODULES.map((module) => module.messages?.en() ?? Promise.resolve({})),
  ])
  return Object.assign({}, en, ...moduleEn) as MessageGroups
}

/** Resolves once the remembered language's messages are in (see setUpI18n). */
export const i18nReady: Promise<void> = setUpI18n({ zh: { ...zh, ...moduleZh }, en: loadEnglish })
