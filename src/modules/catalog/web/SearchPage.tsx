import { FilterOutlined } from '@ant-design/icons'
import { Alert, Button, Empty, Select, Skeleton, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { SearchHit } from '../catalog.schemas.js'
import { catalogApi, type SearchParams } from './catalog-api.js'
import { HighlightedText } from './HighlightedText.js'
import { ServiceSearchBox } from './ServiceSearchBox.js'
import { ITEM_TYPES, ONLINE_DEPTHS, SUBJECTS, THEMES } from './service-codes.js'
import './services.css'

const PAGE_SIZE = 10
const FILTERS = ['department', 'itemType', 'onlineDepth', 'subject', 'theme'] as const
type FilterName = (typeof FILTERS)[number]

function SearchHitCard({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation()
  const name = hit.highlights.find((highlight) => highlight.field === 'name')
  const others = hit.highlights.filter(
    (highlight) => highlight.field !== 'name' && highlight.segments.some((segment) => segment.isMatch),
  )
  return (
    <li className="search-hit" data-testid="search-hit">
      <Link className="search-hit-title" to={`/services/items/${encodeURIComponent(hit.code)}`}>
        {name ? <HighlightedText segments={name.segments} /> : hit.name}
      </Link>
      <div className="search-hit-meta">
        <span>{hit.departmentName}</span>
        <Tag>{t(`services.itemType_${hit.itemType}`)}</Tag>
        <Tag color={hit.onlineDepth === 'full_online' ? 'green' : 'blue'}>
          {t(`services.onlineDepth_${hit.onlineDepth}`)}
        </Tag>
        <span>{hit.maxVisits === 0 ? t('services.visitsZero') : t('services.visits', { count: hit.maxVisits })}</span>
      </div>
      {others.length > 0 && (
        <div className="search-hit-why">
          <span className="muted">{t('services.matchedIn')}</span>
          {others.map((highlight) => (
            <span key={highlight.field} className="search-hit-field">
              <span className="muted">{t(`services.field_${highlight.field}`)}</span>{' '}
              <HighlightedText segments={highlight.segments} />
            </span>
          ))}
        </div>
      )}
    </li>
  )
}

/** `/services/search`: results ranked by the server, with highlighted matches and filters kept in the address. */
export function SearchPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  // On a phone the five filters would push the results below the fold; they open on demand there.
  const [areFiltersOpen, setAreFiltersOpen] = useState(false)
  const q = params.get('q') ?? ''
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? undefined])) as Record<
    FilterName,
    string | undefined
  >
  useDocumentTitle(q ? `${q} - ${t('services.searchTitle')}` : t('services.searchTitle'))

  const query: SearchParams = { q: q || undefined, ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }
  const result = useApiData((signal) => catalogApi.search(query, signal), JSON.stringify(query))
  const facets = useApiData((signal) => catalogApi.getFacets(signal), 'facets')

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value)
      else next.delete(name)
    }
    if (!('page' in changes)) next.delete('page')
    setParams(next)
  }
  const options = (codes: readonly string[], prefix: string) =>
    codes.map((code) => ({ value: code, label: t(`services.${prefix}_${code}`) }))
  const filterControls: { name: FilterName; label: string; options: { value: string; label: string }[] }[] = [
    {
      name: 'department',
      label: t('services.filterDepartment'),
      options: (facets.data?.departments ?? []).map((d) => ({ value: d.code, label: d.name })),
    },
    { name: 'subject', label: t('services.filterSubject'), options: options(SUBJECTS, 'subject') },
    { name: 'theme', label: t('services.filterTheme'), options: options(THEMES, 'theme') },
    { name: 'itemType', label: t('services.filterItemType'), options: options(ITEM_TYPES, 'itemType') },
    { name: 'onlineDepth', label: t('services.filterOnlineDepth'), options: options(ONLINE_DEPTHS, 'onlineDepth') },
  ]
  const data = result.data
  // Browsing a theme or a department (no words typed) is titled after what is browsed.
  const browsedDepartment = facets.data?.departments.find((department) => department.code === filters.department)
  const browseTitle = q ? undefined : filters.theme ? t(`services.theme_${filters.theme}`) : browsedDepartment?.name
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1
  const activeFilters = FILTERS.filter((name) => filters[name]).length
  const hasFilters = activeFilters > 0

  return (
    <div className="services-page">
      <div className="services-content">
        <h1 className="services-title services-title-plain">{browseTitle ?? t('services.searchTitle')}</h1>
        <ServiceSearchBox initialQuery={q} onSearch={(text) => update({ q: text || undefined })} />
        <Button
          className="search-filters-toggle"
          icon={<FilterOutlined aria-hidden />}
          aria-expanded={areFiltersOpen}
          aria-controls="search-filters"
          onClick={() => setAreFiltersOpen(!areFiltersOpen)}
        >
          {t('services.showFilters')}
          {activeFilters > 0 ? `（${activeFilters}）` : ''}
        </Button>
        <fieldset id="search-filters" className={areFiltersOpen ? 'search-filters is-open' : 'search-filters'}>
          <legend className="visually-hidden">{t('services.filters')}</legend>
          {filterControls.map((control) => (
            <div key={control.name} className="search-filter">
              <span className="search-filter-label" aria-hidden>
                {control.label}
              </span>
              <Select
                value={filters[control.name] ?? ''}
                onChange={(value: string) => update({ [control.name]: value || undefined })}
                options={[{ value: '', label: t('services.filterAll') }, ...control.options]}
                popupMatchSelectWidth={false}
                aria-label={control.label}
                data-testid={`filter-${control.name}`}
              />
            </div>
          ))}
          {hasFilters && (
            <Button type="link" onClick={() => update(Object.fromEntries(FILTERS.map((name) => [name, undefined])))}>
              {t('services.clearFilters')}
            </Button>
          )}
        </fieldset>
        {data?.synonyms.map((synonym) => (
          <p key={synonym.term} className="muted search-synonym">
            {t('services.synonymsApplied', { term: synonym.term, expansions: synonym.expansions.join('、') })}
          </p>
        ))}
        {result.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
        {!result.isLoading && result.error !== undefined && (
          <Alert type="error" showIcon title={t('common.loadFailed')} />
        )}
        {!result.isLoading && data && data.items.length === 0 && (
          <Empty description={t('services.noResults')}>
            <p className="muted">{t('services.noResultsHint')}</p>
          </Empty>
        )}
        {!result.isLoading && data && data.items.length > 0 && (
          <>
            <p className="search-count" aria-live="polite">
              {q ? t('services.resultsCount', { total: data.total }) : t('services.browseCount', { total: data.total })}
            </p>
            <ol className="search-hits" data-testid="search-hits">
              {data.items.map((hit) => (
                <SearchHitCard key={hit.code} hit={hit} />
              ))}
            </ol>
            {pages > 1 && (
              <nav className="search-pager" aria-label={t('services.pageOf', { page, pages })}>
                <Button disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>
                  {t('services.previousPage')}
                </Button>
                <span>{t('services.pageOf', { page, pages })}</span>
                <Button disabled={page >= pages} onClick={() => update({ page: String(page + 1) })}>
                  {t('services.nextPage')}
                </Button>
              </nav>
            )}
          </>
        )}
      </div>
    </div>
  )
}
