import { ExportOutlined, FileDoneOutlined, PhoneOutlined } from '@ant-design/icons'
import { Alert, Breadcrumb, Skeleton, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { formatDateTime } from '../../../web/kit/format.js'
import { LinkButton } from '../../../web/kit/layout/LinkButton.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { ItemGuide } from '../catalog.schemas.js'
import { catalogApi } from './catalog-api.js'
import { FeeView, GuideSection, LocationList, MaterialsTable, ProcessSteps, TimeLimitList } from './GuideSections.js'
import './services.css'

function BasicsList({ guide, departmentName }: { guide: ItemGuide; departmentName: string }) {
  const { t } = useTranslation()
  const rows: [string, string][] = [
    [t('services.code'), guide.code],
    [t('services.itemType'), t(`services.itemType_${guide.itemType}`)],
    [t('services.department'), departmentName],
    ...(guide.implementingUnit ? [[t('services.implementingUnit'), guide.implementingUnit] as [string, string]] : []),
    [t('services.subjects'), guide.subjects.map((subject) => t(`services.subject_${subject}`)).join('、')],
    [t('services.onlineDepth'), t(`services.onlineDepth_${guide.onlineDepth}`)],
    [
      t('services.maxVisits'),
      guide.maxVisits === 0 ? t('services.visitsZero') : t('services.visits', { count: guide.maxVisits }),
    ],
    [t('services.result'), `${guide.result.name}（${t(`services.resultKind_${guide.result.kind}`)}）`],
    ...(guide.result.delivery?.length
      ? [[t('services.delivery'), guide.result.delivery.join('、')] as [string, string]]
      : []),
    ...(guide.themes.length
      ? [
          [t('services.themes'), guide.themes.map((theme) => t(`services.theme_${theme}`)).join('、')] as [
            string,
            string,
          ],
        ]
      : []),
    ...(guide.lifeEvents.length ? [[t('services.lifeEvents'), guide.lifeEvents.join('、')] as [string, string]] : []),
    ...(guide.aliases.length ? [[t('services.aliases'), guide.aliases.join('、')] as [string, string]] : []),
  ]
  return (
    <dl className="guide-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className={label === t('services.code') ? 'code-text-inline' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** `/services/items/:code`: every element of the published guide, and the way to the one-time notice. */
export function GuidePage() {
  const { t } = useTranslation()
  const { code = '' } = useParams()
  const { data, error, isLoading } = useApiData((signal) => catalogApi.getItem(code, signal), code)
  useDocumentTitle(data?.guide.name ?? t('services.browseTitle'))

  if (isLoading) {
    return (
      <div className="services-content">
        <Skeleton active paragraph={{ rows: 12 }} />
      </div>
    )
  }
  if (error || !data) {
    return (
      <div className="services-content">
        <Alert type="warning" showIcon title={t('services.guideNotFound')} />
        <p>
          <Link to="/services">{t('services.browseTitle')}</Link>
        </p>
      </div>
    )
  }
  const { guide } = data
  const hasQuestions = guide.situations.length > 0
  return (
    <div className="services-page">
      <div className="services-content guide-page">
        <Breadcrumb
          items={[
            { title: <Link to="/">{t('common.home')}</Link> },
            { title: <Link to="/services">{t('services.navGuide')}</Link> },
            { title: guide.name },
          ]}
        />
        <header className="guide-header">
          <h1 className="services-title services-title-plain" data-testid="guide-title">
            {guide.name}
          </h1>
          <p className="guide-header-meta">
            <span>{data.departmentName}</span>
            <Tag>{t(`services.itemType_${guide.itemType}`)}</Tag>
            <Tag color={guide.onlineDepth === 'full_online' ? 'green' : 'blue'}>
              {t(`services.onlineDepth_${guide.onlineDepth}`)}
            </Tag>
            <Tag color="gold">
              {guide.maxVisits === 0 ? t('services.visitsZero') : t('services.visits', { count: guide.maxVisits })}
            </Tag>
          </p>
          <p className="muted guide-version">
            {t('services.versionLine', { version: data.version, at: formatDateTime(data.publishedAt) })}
          </p>
          {guide.description && <p className="guide-description">{guide.description}</p>}
        </header>
        <div className="start-card">
          <div className="start-card-text">
            <FileDoneOutlined className="start-card-icon" aria-hidden />
            <p>{hasQuestions ? t('services.startHint') : t('services.startHintNoQuestions')}</p>
          </div>
          <div className="start-card-actions">
            <LinkButton
              type="primary"
              size="large"
              to={`/cases/apply/${encodeURIComponent(guide.code)}`}
              data-testid="start-application"
            >
              {t('services.startApplication')}
            </LinkButton>
            <LinkButton
              size="large"
              to={`/services/items/${encodeURIComponent(guide.code)}/situations`}
              data-testid="open-notice"
            >
              {t('services.noticeLink')}
            </LinkButton>
            {guide.onlineUrl && (
              <a className="start-card-online" href={guide.onlineUrl} target="_blank" rel="noreferrer noopener">
                <ExportOutlined aria-hidden /> {t('services.onlineLink')}
              </a>
            )}
          </div>
        </div>
        <GuideSection id="basics" title={t('services.guideBasics')}>
          <BasicsList guide={guide} departmentName={data.departmentName} />
        </GuideSection>
        <GuideSection id="conditions" title={t('services.conditions')}>
          <ol className="plain-list numbered">
            {guide.conditions.map((condition) => (
              <li key={condition.id}>{condition.text}</li>
            ))}
          </ol>
        </GuideSection>
        <GuideSection id="materials" title={t('services.materials')}>
          <MaterialsTable materials={guide.materials} />
        </GuideSection>
        <GuideSection id="time" title={t('services.timeLimits')}>
          <TimeLimitList timeLimit={guide.timeLimit} />
        </GuideSection>
        <GuideSection id="fees" title={t('services.fees')}>
          <FeeView fee={guide.fee} />
        </GuideSection>
        <GuideSection id="process" title={t('services.process')}>
          <ProcessSteps steps={guide.processSteps} />
        </GuideSection>
        <GuideSection id="places" title={t('services.places')}>
          <LocationList locations={guide.locations} />
        </GuideSection>
        <GuideSection id="phones" title={t('services.phones')}>
          <dl className="guide-facts">
            <div>
              <dt>
                <PhoneOutlined aria-hidden /> {t('services.consultationPhone')}
              </dt>
              <dd>
                <a href={`tel:${guide.consultationPhone}`}>{guide.consultationPhone}</a>
              </dd>
            </div>
            <div>
              <dt>
                <PhoneOutlined aria-hidden /> {t('services.complaintPhone')}
              </dt>
              <dd>
                <a href={`tel:${guide.complaintPhone}`}>{guide.complaintPhone}</a>
              </dd>
            </div>
          </dl>
        </GuideSection>
        <GuideSection id="basis" title={t('services.legalBasis')}>
          <ul className="plain-list basis-list">
            {guide.legalBasis.map((basis) => (
              <li key={`${basis.title}${basis.article ?? ''}`}>
                <strong>
                  {basis.title}
                  {basis.article}
                </strong>
                <p>{basis.text}</p>
              </li>
            ))}
          </ul>
        </GuideSection>
        {guide.notes && (
          <GuideSection id="notes" title={t('services.notes')}>
            <p>{guide.notes}</p>
          </GuideSection>
        )}
      </div>
    </div>
  )
}
