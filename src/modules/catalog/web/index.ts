// The catalog's public pages, for the web shell and other modules' pages (import only from here).
export { GuidePage } from './GuidePage.js'
export { HomeServiceSearch } from './HomeServiceSearch.js'
export { NoticePage } from './NoticePage.js'
export { SearchPage } from './SearchPage.js'
export { ServicesPage } from './ServicesPage.js'
export { SituationsPage } from './SituationsPage.js'
