import { lazyIcon, lazyPage } from '../../../web/kit/lazy-page.js'
import type { ModulePages } from '../../../web/kit/module-pages.js'
import { Permission } from '../../../web/kit/types.js'
import { HomeServiceSearch } from './HomeServiceSearch.js'
import { servicesZh } from './services-messages.zh.js'

// The catalog's pages for the shell (src/web/app/modules.ts). Only the home's service search is eager (it is on the
// portal home); every page is its own chunk, fetched on first visit (ADR 0019).
const ItemEditorPage = lazyPage(() => import('./ItemEditorPage.js').then((m) => m.ItemEditorPage))

export const catalogPages: ModulePages = {
  module: 'catalog',
  portalNav: [{ path: '/services', labelKey: 'services.navGuide' }],
  portal: [
    { path: '/services', page: lazyPage(() => import('./ServicesPage.js').then((m) => m.ServicesPage)) },
    { path: '/services/search', page: lazyPage(() => import('./SearchPage.js').then((m) => m.SearchPage)) },
    { path: '/services/items/:code', page: lazyPage(() => import('./GuidePage.js').then((m) => m.GuidePage)) },
    {
      path: '/services/items/:code/situations',
      page: lazyPage(() => import('./SituationsPage.js').then((m) => m.SituationsPage)),
    },
    { path: '/notices/:number', page: lazyPage(() => import('./NoticePage.js').then((m) => m.NoticePage)) },
  ],
  portalEntryPoints: [{ key: 'service-search', slot: 'hero', component: HomeServiceSearch }],
  workbench: [
    {
      path: 'catalog',
      page: lazyPage(() => import('./CatalogItemsPage.js').then((m) => m.CatalogItemsPage)),
      permission: Permission.catalogItemsEdit,
      menu: {
        group: 'catalog',
        labelKey: 'workbench.menuCatalog',
        descriptionKey: 'workbench.shortcutCatalog',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.FileSearchOutlined)),
      },
    },
    { path: 'catalog/new', page: ItemEditorPage, permission: Permission.catalogItemsEdit },
    { path: 'catalog/items/:code', page: ItemEditorPage, permission: Permission.catalogItemsEdit },
    {
      path: 'catalog/import',
      page: lazyPage(() => import('./ImportExportPage.js').then((m) => m.ImportExportPage)),
      permission: Permission.catalogItemsEdit,
    },
    {
      path: 'catalog/review',
      page: lazyPage(() => import('./ReviewQueuePage.js').then((m) => m.ReviewQueuePage)),
      permission: Permission.catalogItemsPublish,
      menu: {
        group: 'catalog',
        labelKey: 'workbench.menuCatalogReview',
        descriptionKey: 'workbench.shortcutCatalogReview',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.CheckSquareOutlined)),
      },
    },
    {
      path: 'catalog/synonyms',
      page: lazyPage(() => import('./SynonymsPage.js').then((m) => m.SynonymsPage)),
      permission: Permission.catalogSynonymsManage,
      menu: {
        group: 'catalog',
        labelKey: 'workbench.menuCatalogSynonyms',
        descriptionKey: 'workbench.shortcutCatalogSynonyms',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.FileSearchOutlined)),
      },
    },
  ],
  messages: {
    zh: { services: servicesZh },
    en: () => import('./services-messages.en.js').then((m) => ({ services: m.servicesEn })),
  },
}
