import { DEMO_APPLICATION_FORMS } from '../modules/cases/application-form/index.js'
import { type ApplicationForm, type CatalogService, DEMO_ITEMS, DEMO_SYNONYMS } from '../modules/catalog/index.js'

/**
 * Seeds the demo catalog (published items with their online application forms, and the centre's synonyms) once;
 * run after the demo county exists.
 */
export async function seedDemoCatalog({ catalog }: { catalog: Pick<CatalogService, 'seedCatalog'> }) {
  const forms: Record<string, ApplicationForm> = {}
  for (const item of DEMO_ITEMS) {
    const form = DEMO_APPLICATION_FORMS[item.name]
    if (form) forms[item.code] = form
  }
  return catalog.seedCatalog(DEMO_ITEMS, DEMO_SYNONYMS, forms)
}
