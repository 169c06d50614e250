import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Radio, Skeleton, Space, Tag, Tooltip } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import './calendar-page.css'

type CalendarDay = {
  day: string
  kind: 'workday' | 'holiday'
  name: string
  source: 'chinese-days' | 'override'
  updatedAt: string
}
type CalendarYear = { year: number; published: boolean; source: string | null; days: CalendarDay[] }
type Editing = { day: string; current: CalendarDay | undefined }

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** The cells of one month, Monday first; null fills the days before the 1st. */
function buildMonthCells(year: number, month: number): Array<string | null> {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay()
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const cells: Array<string | null> = Array.from({ length: (first + 6) % 7 }, () => null)
  for (let d = 1; d <= length; d++) cells.push(`${year}-${pad(month + 1)}-${pad(d)}`)
  return cells
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday === 0 || weekday === 6
}

/** `/workbench/calendar`: the year's holidays and 调休 workdays; a click on a day overrides it (中心管理人员). */
export function CalendarPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('calendar.title'))
  const [year, setYear] = useState(() => new Date().getFullYear())
  const [editing, setEditing] = useState<Editing | undefined>(undefined)
  const { data, error, isLoading, reload } = useApiData(
    (signal) => api.get<CalendarYear>(`/api/calendar/years/${year}`, { signal }),
    `calendar-${year}`,
  )
  const byDay = new Map((data?.days ?? []).map((day) => [day.day, day]))

  async function publish(published: boolean) {
    await api.post('/api/calendar/years', { year, published })
    reload()
  }

  let content: ReactNode
  if (isLoading && !data) content = <Skeleton active paragraph={{ rows: 10 }} />
  else if (error || !data) {
    content = <LoadFailedAlert onRetry={reload} />
  } else {
    content = (
      <>
        {!data.published && (
          <Alert
            className="calendar-unpublished"
            type="warning"
            showIcon
            title={t('calendar.unpublishedTitle', { year })}
            description={t('calendar.unpublishedText')}
            action={
              <Popconfirm title={t('calendar.publishConfirm', { year })} onConfirm={() => publish(true)}>
                <Button type="primary" size="small">
                  {t('calendar.publish')}
                </Button>
              </Popconfirm>
            }
          />
        )}
        <div className="calendar-year" data-testid="calendar-year">
          {MONTHS.map((monthNumber) => (
            <section
              key={monthNumber}
              className="calendar-month"
              aria-label={t('calendar.monthLabel', { month: monthNumber })}
            >
              <h2 className="calendar-month-title">{t('calendar.monthLabel', { month: monthNumber })}</h2>
              <div className="calendar-grid">
                {WEEKDAY_KEYS.map((key) => (
                  <span key={key} className="calendar-weekday">
                    {t(`calendar.weekday_${key}`)}
                  </span>
                ))}
                {buildMonthCells(year, monthNumber - 1).map((day, index) =>
                  day === null ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the 1st have no identity.
                    <span key={`blank-${index}`} />
                  ) : (
                    <DayCell
                      key={day}
                      day={day}
                      entry={byDay.get(day)}
                      onSelect={() => setEditing({ day, current: byDay.get(day) })}
                    />
                  ),
                )}
              </div>
            </section>
          ))}
        </div>
      </>
    )
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('calendar.title')}</h1>
        <Space>
          <Button icon={<LeftOutlined />} aria-label={t('calendar.previousYear')} onClick={() => setYear(year - 1)} />
          <span className="calendar-year-label">{t('calendar.yearLabel', { year })}</span>
          <Button icon={<RightOutlined />} aria-label={t('calendar.nextYear')} onClick={() => setYear(year + 1)} />
          {data?.published && (
            <Tag color="green">
              {data.source === 'override' ? t('calendar.publishedByCentre') : t('calendar.published')}
            </Tag>
          )}
        </Space>
      </div>
      <p className="section-intro">{t('calendar.intro')}</p>
      <div className="calendar-legend">
        <span className="calendar-legend-item">
          <span className="calendar-swatch calendar-day-holiday" /> {t('calendar.legendHoliday')}
        </span>
        <span className="calendar-legend-item">
          <span className="calendar-swatch calendar-day-workday" /> {t('calendar.legendWorkday')}
        </span>
        <span className="calendar-legend-item">
          <span className="calendar-swatch calendar-day-override" /> {t('calendar.legendOverride')}
        </span>
      </div>
      <Card variant="outlined">{content}</Card>
      {editing && (
        <OverrideDialog
          editing={editing}
          onClose={(changed) => {
            setEditing(undefined)
            if (changed) reload()
          }}
        />
      )}
    </div>
  )
}

function DayCell({ day, entry, onSelect }: { day: string; entry: CalendarDay | undefined; onSelect: () => void }) {
  const { t } = useTranslation()
  const classes = ['calendar-day']
  if (isWeekend(day)) classes.push('calendar-day-weekend')
  if (entry) classes.push(entry.kind === 'holiday' ? 'calendar-day-holiday' : 'calendar-day-workday')
  if (entry?.source === 'override') classes.push('calendar-day-override')
  const label = entry
    ? `${day} ${entry.name} ${entry.kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday')}`
    : day
  const button = (
    <button type="button" className={classes.join(' ')} onClick={onSelect} aria-label={label} data-day={day}>
      {Number(day.slice(8))}
      {entry && (
        <span className="calendar-day-mark">
          {entry.kind === 'holiday' ? t('calendar.markHoliday') : t('calendar.markWorkday')}
        </span>
      )}
    </button>
  )
  return entry ? <Tooltip title={label}>{button}</Tooltip> : button
}

function OverrideDialog({ editing, onClose }: { editing: Editing; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ kind: 'workday' | 'holiday'; name: string }>()
  const [isSaving, setIsSaving] = useState(false)
  const initialKind = editing.current?.kind ?? (isWeekend(editing.day) ? 'workday' : 'holiday')

  async function save(values: { kind: 'workday' | 'holiday'; name: string }) {
    setIsSaving(true)
    try {
      await api.put(`/api/calendar/days/${editing.day}`, { kind: values.kind, name: values.name.trim() })
      onClose(true)
    } catch {
      setIsSaving(false)
    }
  }

  async function removeOverride() {
    setIsSaving(true)
    try {
      await api.delete(`/api/calendar/days/${editing.day}`)
      onClose(true)
    } catch {
      setIsSaving(false)
    }
  }

  return (
    <Modal
      open
      title={t('calendar.editTitle', { day: editing.day })}
      onCancel={() => onClose(false)}
      okText={t('calendar.save')}
      cancelText={t('calendar.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      footer={(original) => (
        <>
          {editing.current?.source === 'override' && (
            <Button danger onClick={removeOverride} disabled={isSaving}>
              {t('calendar.removeOverride')}
            </Button>
          )}
          {original}
        </>
      )}
    >
      <p className="calendar-edit-now">
        {editing.current
          ? t('calendar.currentNamed', {
              name: editing.current.name,
              kind: editing.current.kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday'),
              source:
                editing.current.source === 'override' ? t('calendar.sourceOverride') : t('calendar.sourcePackage'),
            })
          : t(isWeekend(editing.day) ? 'calendar.currentWeekend' : 'calendar.currentWeekday')}
      </p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: initialKind, name: editing.current?.name ?? '' }}
        onFinish={save}
      >
        <Form.Item name="kind" label={t('calendar.kindLabel')}>
          <Radio.Group
            options={[
              { value: 'holiday', label: t('calendar.holiday') },
              { value: 'workday', label: t('calendar.workday') },
            ]}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.nameLabel')}
          rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }, { max: 40 }]}
        >
          <Input placeholder={t('calendar.namePlaceholder')} maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
