import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { ServiceSearchBox } from './ServiceSearchBox.js'
import './services.css'

/** The portal home's "我要办事" box with a few popular searches; results open on /services/search. */
export function HomeServiceSearch() {
  const { t } = useTranslation()
  const popular = t('services.hotQueries').split(',')
  return (
    <div className="home-service-search" data-testid="home-service-search">
      <h2 className="home-service-search-title">{t('services.homeSearchTitle')}</h2>
      <ServiceSearchBox placeholder={t('services.homeSearchPlaceholder')} />
      <p className="service-hot">
        <span>{t('services.hotLabel')}</span>
        {popular.map((query) => (
          <Link key={query} to={`/services/search?q=${encodeURIComponent(query)}`}>
            {query}
          </Link>
        ))}
        <Link to="/services">{t('services.navGuide')} »</Link>
      </p>
    </div>
  )
}
