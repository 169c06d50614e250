import { DownloadOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Fee, FileRef, Material, ProcessStep, ServiceLocation, TimeLimit } from '../catalog.schemas.js'

/** One titled block of a guide or a notice. */
export function GuideSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="guide-section" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  )
}

function FileLink({ file, label }: { file: FileRef; label: string }) {
  return (
    <a className="file-link" href={file.url} download={file.fileName} title={file.fileName}>
      <DownloadOutlined aria-hidden /> {label}
    </a>
  )
}

/** The materials as a table that turns into one card per material on a phone (labels from `data-label`). */
export function MaterialsTable({
  materials,
  showRequirement = true,
}: {
  materials: Material[]
  showRequirement?: boolean
}) {
  const { t } = useTranslation()
  const hasFiles = materials.some((material) => material.blankForm || material.sample)
  const columns = {
    name: t('services.materialName'),
    form: t('services.materialForm'),
    count: t('services.materialCount'),
    medium: t('services.materialMedium'),
    source: t('services.materialSource'),
    requirement: t('services.materialRequirement'),
    files: `${t('services.blankForm')} / ${t('services.sample')}`,
  }
  return (
    <table className="materials-table" data-testid="materials-table">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{columns.name}</th>
          <th scope="col">{columns.form}</th>
          <th scope="col">{columns.count}</th>
          <th scope="col">{columns.medium}</th>
          <th scope="col">{columns.source}</th>
          {showRequirement && <th scope="col">{columns.requirement}</th>}
          {hasFiles && <th scope="col">{columns.files}</th>}
        </tr>
      </thead>
      <tbody>
        {materials.map((material, index) => (
          <tr key={material.id} data-testid="material-row">
            <td className="materials-index">{index + 1}</td>
            <td className="materials-name" data-label={columns.name}>
              <span className="material-name">{material.name}</span>
              {material.requirement === 'conditional' && material.condition && showRequirement && (
                <span className="material-note">
                  {t('services.conditionPrefix')}
                  {material.condition}
                </span>
              )}
              {material.specification && <span className="material-note">{material.specification}</span>}
              {material.notes && <span className="material-note">{material.notes}</span>}
            </td>
            <td className="materials-short" data-label={columns.form}>
              {t(`services.form_${material.form}`)}
            </td>
            <td className="materials-short" data-label={columns.count}>
              {material.count}
            </td>
            <td className="materials-short" data-label={columns.medium}>
              {t(`services.medium_${material.medium}`)}
            </td>
            <td data-label={columns.source}>
              {t(`services.source_${material.source}`)}
              {material.sourceNote && <span className="material-note">{material.sourceNote}</span>}
            </td>
            {showRequirement && (
              <td className="materials-short" data-label={columns.requirement}>
                {material.requirement === 'required' ? t('services.required') : t('services.conditional')}
              </td>
            )}
            {hasFiles && (
              <td data-label={columns.files}>
                {material.blankForm || material.sample ? (
                  <span className="file-links">
                    {material.blankForm && <FileLink file={material.blankForm} label={t('services.blankForm')} />}
                    {material.sample && <FileLink file={material.sample} label={t('services.sample')} />}
                  </span>
                ) : (
                  t('services.noFiles')
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** 即办件/承诺件 with the statutory and promised limits in working days. */
export function TimeLimitList({ timeLimit }: { timeLimit: TimeLimit }) {
  const { t } = useTranslation()
  const days = (count: number) => t('services.workingDays', { count })
  return (
    <dl className="guide-facts">
      <div>
        <dt>{t('services.kind')}</dt>
        <dd>{timeLimit.kind === 'instant' ? t('services.instant') : t('services.promised')}</dd>
      </div>
      <div>
        <dt>{t('services.statutoryDays')}</dt>
        <dd>{days(timeLimit.statutoryDays)}</dd>
      </div>
      <div>
        <dt>{t('services.promisedDays')}</dt>
        <dd data-testid="promised-days">{days(timeLimit.promisedDays)}</dd>
      </div>
      {timeLimit.note && (
        <div>
          <dt>{t('services.notes')}</dt>
          <dd>{timeLimit.note}</dd>
        </div>
      )}
    </dl>
  )
}

export function FeeView({ fee }: { fee: Fee }) {
  const { t } = useTranslation()
  if (fee.kind === 'free') return <p data-testid="fee">{t('services.free')}</p>
  return (
    <ul className="plain-list" data-testid="fee">
      {fee.items.map((item) => (
        <li key={item.name}>
          <strong>{item.name}</strong>
          {'：'}
          {item.standard
            ? t('services.feeStandard', { standard: item.standard })
            : t('services.yuan', { amount: item.amountYuan })}
          <span className="material-note">{t('services.feeBasis', { basis: item.basis })}</span>
        </li>
      ))}
    </ul>
  )
}

export function LocationList({ locations }: { locations: ServiceLocation[] }) {
  const { t } = useTranslation()
  return (
    <ul className="plain-list location-list">
      {locations.map((location) => (
        <li key={`${location.name}${location.window ?? ''}`}>
          <strong>{location.name}</strong>
          <dl className="guide-facts guide-facts-compact">
            <div>
              <dt>{t('services.address')}</dt>
              <dd>{location.address}</dd>
            </div>
            {location.window && (
              <div>
                <dt>{t('services.window')}</dt>
                <dd>{location.window}</dd>
              </div>
            )}
            <div>
              <dt>{t('services.hours')}</dt>
              <dd>{location.hours}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  )
}

export function ProcessSteps({ steps }: { steps: ProcessStep[] }) {
  const { t } = useTranslation()
  return (
    <ol className="process-steps">
      {steps.map((step, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered list without ids.
        <li key={index}>
          <span className="process-step-name">{step.name}</span>
          {step.days !== undefined && step.days > 0 && (
            <span className="process-step-days">{t('services.stepDays', { count: step.days })}</span>
          )}
          {step.description && <p className="process-step-text">{step.description}</p>}
        </li>
      ))}
    </ol>
  )
}
