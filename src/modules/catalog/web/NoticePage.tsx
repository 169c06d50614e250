import { CopyOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, QRCode, Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { formatDateTime } from '../../../web/kit/format.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { useSiteTitle } from '../../identity/web/index.js'
import { catalogApi } from './catalog-api.js'
import { FeeView, GuideSection, LocationList, MaterialsTable, TimeLimitList } from './GuideSections.js'
import './services.css'

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/** `/notices/:number`: the one-time notice, printable, with its number, QR code, PDF and share link. */
export function NoticePage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const siteTitle = useSiteTitle()
  const { number = '' } = useParams()
  const { data, error, isLoading } = useApiData((signal) => catalogApi.getNotice(number, signal), number)
  useDocumentTitle(data ? `${t('services.noticeTitle')} ${data.number}` : t('services.noticeTitle'))

  if (isLoading) {
    return (
      <div className="services-content">
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    )
  }
  if (error || !data) {
    return (
      <div className="services-content">
        <Alert type="warning" showIcon title={t('services.noticeNotFound')} />
      </div>
    )
  }
  const { notice } = data
  const share = async () => {
    if (await copyText(data.url)) void message.success(t('services.copied'))
    else void message.warning(t('services.copyFailed'))
  }
  return (
    <div className="services-page">
      <article className="services-content notice-page" data-testid="notice">
        <div className="notice-actions no-print">
          <Button icon={<FilePdfOutlined aria-hidden />} href={data.pdfUrl} target="_blank" data-testid="notice-pdf">
            {t('services.downloadPdf')}
          </Button>
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            {t('services.print')}
          </Button>
          <Button icon={<CopyOutlined aria-hidden />} onClick={() => void share()} data-testid="notice-share">
            {t('services.share')}
          </Button>
          <Link className="notice-back" to={`/services/items/${encodeURIComponent(notice.itemCode)}`}>
            {t('services.backToGuide')}
          </Link>
        </div>
        <header className="notice-header">
          <div className="notice-heading">
            <p className="notice-issuer">{siteTitle}</p>
            <h1 className="notice-title">{t('services.noticeTitle')}</h1>
            <p className="notice-item" data-testid="notice-item">
              {notice.itemName}
            </p>
            <dl className="guide-facts guide-facts-compact">
              <div>
                <dt>{t('services.noticeNumber')}</dt>
                <dd className="code-text-inline" data-testid="notice-number">
                  {data.number}
                </dd>
              </div>
              <div>
                <dt>{t('services.issuedAt')}</dt>
                <dd>{formatDateTime(data.issuedAt)}</dd>
              </div>
              <div>
                <dt>{t('services.department')}</dt>
                <dd>{notice.departmentName}</dd>
              </div>
            </dl>
          </div>
          <figure className="notice-qr">
            <QRCode value={data.url} type="svg" size={132} bordered={false} data-testid="notice-qr" />
            <figcaption>{t('services.qrHint')}</figcaption>
          </figure>
        </header>
        {notice.answers.length > 0 && (
          <GuideSection id="answers" title={t('services.yourAnswers')}>
            <dl className="guide-facts">
              {notice.answers.map((answer) => (
                <div key={answer.questionId}>
                  <dt>{answer.question}</dt>
                  <dd>{answer.answer || t('common.none')}</dd>
                </div>
              ))}
            </dl>
          </GuideSection>
        )}
        <GuideSection id="notice-materials" title={t('services.noticeMaterials')}>
          <MaterialsTable materials={notice.materials} showRequirement={false} />
        </GuideSection>
        {notice.notes.length > 0 && (
          <GuideSection id="notice-notes" title={t('services.noticeNotes')}>
            <ul className="plain-list notice-notes">
              {notice.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </GuideSection>
        )}
        <GuideSection id="notice-conditions" title={t('services.noticeConditions')}>
          <ol className="plain-list numbered">
            {notice.conditions.map((condition) => (
              <li key={condition.id}>{condition.text}</li>
            ))}
          </ol>
        </GuideSection>
        <GuideSection id="notice-time" title={t('services.noticeTime')}>
          <TimeLimitList timeLimit={notice.timeLimit} />
          <p>
            {t('services.noticeVisits')}：
            {notice.maxVisits === 0 ? t('services.visitsZero') : t('services.visits', { count: notice.maxVisits })}
          </p>
        </GuideSection>
        <GuideSection id="notice-fees" title={t('services.fees')}>
          <FeeView fee={notice.fee} />
        </GuideSection>
        <GuideSection id="notice-places" title={t('services.places')}>
          <LocationList locations={notice.locations} />
          <p>
            {t('services.consultationPhone')}：
            <a href={`tel:${notice.consultationPhone}`}>{notice.consultationPhone}</a>
          </p>
        </GuideSection>
        <p className="notice-footer">{t('services.noticeFooter')}</p>
        <p className="muted">{t('services.itemVersion', { version: notice.itemVersion })}</p>
      </article>
    </div>
  )
}
