import { type CatalogService, DEMO_ITEMS, DEMO_SYNONYMS } from '../modules/catalog/index.js'

/** Seeds the demo catalog (published items and the centre's synonyms) once; run after the demo county exists. */
export async function seedDemoCatalog({ catalog }: { catalog: Pick<CatalogService, 'seedCatalog'> }) {
  return catalog.seedCatalog(DEMO_ITEMS, DEMO_SYNONYMS)
}
