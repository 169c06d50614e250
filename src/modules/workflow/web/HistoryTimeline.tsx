import { Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../web/kit/format.js'
import { eventKey, type HistoryEntry } from './workflow-api.js'

// Step bookkeeping (element.completed) is drawn on the diagram; the timeline shows what people and timers did.
const QUIET_EVENTS = new Set(['element.completed'])

/** 办理历程: every step and inbox action of an instance with actor and reason, oldest first. */
export function HistoryTimeline({
  history,
  elementNames,
}: {
  history: HistoryEntry[]
  elementNames?: Record<string, string>
}) {
  const { t, i18n } = useTranslation()
  const items = history
    .filter((entry) => !QUIET_EVENTS.has(entry.event))
    .map((entry) => {
      const label = i18n.exists(eventKey(entry.event)) ? t(eventKey(entry.event)) : entry.event
      const element = entry.elementId ? (elementNames?.[entry.elementId] ?? entry.elementId) : null
      const to = (entry.details as { to?: unknown } | null)?.to
      return {
        key: entry.id,
        color: entry.event.includes('return') || entry.event.includes('special') ? 'red' : 'blue',
        content: (
          <div data-testid="history-entry">
            <Typography.Text strong>{label}</Typography.Text>
            {element ? <Typography.Text> · {element}</Typography.Text> : null}
            {entry.actorName ? <Typography.Text type="secondary"> · {entry.actorName}</Typography.Text> : null}
            {typeof to === 'string' || Array.isArray(to) ? (
              <Typography.Text type="secondary"> → {Array.isArray(to) ? to.join('、') : to}</Typography.Text>
            ) : null}
            <div>
              <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
            </div>
            {entry.reason ? (
              <Typography.Paragraph style={{ marginBottom: 0 }}>{entry.reason}</Typography.Paragraph>
            ) : null}
          </div>
        ),
      }
    })
  return <Timeline items={items} data-testid="history-timeline" />
}
