// The catalog's web parts for other modules' pages (import only from here). The catalog's own pages are not listed:
// the shell loads each page as its own chunk (src/web/router.tsx), and a re-export here would pull every page into
// the portal home's first download (ADR 0019).
export { HomeServiceSearch } from './HomeServiceSearch.js'
