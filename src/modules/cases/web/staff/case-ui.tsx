import { Progress, Space, Tag, Typography } from 'antd'
import type { CaseFile } from './staff-api.js'

const STATE_COLORS: Record<string, string> = {
  submitted: 'blue',
  returned: 'orange',
  accepted: 'cyan',
  not_accepted: 'volcano',
  supplement_requested: 'gold',
  under_review: 'processing',
  special_procedure: 'purple',
  granted: 'green',
  denied: 'red',
  concluded: 'default',
  delivered: 'success',
  withdrawn: 'default',
}

/** A case's state in Chinese, coloured by how it stands. */
export function CaseStateTag({ state, label }: { state: string; label: string }) {
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{label}</Tag>
}

/** 黄牌 / 红牌 for a case near or past its time limit; nothing otherwise. */
export function WarningTag({ level }: { level: string }) {
  if (level === 'red') return <Tag color="red">红牌 已超期</Tag>
  if (level === 'yellow') return <Tag color="gold">黄牌 临近时限</Tag>
  return null
}

/** `2026-12-20` → `2026年12月20日`. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return ''
  const [year, month, date] = day.split('-')
  return `${year}年${Number(month)}月${Number(date)}日`
}

/** The clock of an accepted case: working days used and left, due date, paused or not. */
export function CaseClock({ clock }: { clock: NonNullable<CaseFile['clock']> }) {
  const total = Math.max(clock.limitDays, 1)
  const percent = Math.min(100, Math.round((clock.daysUsed / total) * 100))
  const status = clock.warningLevel === 'red' ? 'exception' : clock.warningLevel === 'yellow' ? 'normal' : 'active'
  const color = clock.warningLevel === 'yellow' ? '#faad14' : undefined
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap size={[8, 4]}>
        <Typography.Text>
          承诺时限 {clock.limitDays} 个工作日，已用 {clock.daysUsed} 天，
          {clock.daysLeft >= 0 ? `剩余 ${clock.daysLeft} 天` : `已超期 ${-clock.daysLeft} 天`}
        </Typography.Text>
        <WarningTag level={clock.warningLevel} />
        {clock.isPaused && <Tag>计时暂停中</Tag>}
      </Space>
      <Progress percent={percent} status={status} strokeColor={color} showInfo={false} size="small" />
      <Typography.Text type="secondary">
        受理日期 {formatDay(clock.acceptedOn)}，应于 {formatDay(clock.dueOn)} 前办结
        {clock.statutoryDueOn ? `（法定期限 ${formatDay(clock.statutoryDueOn)}）` : ''}
        {clock.isProvisional ? '；次年节假日安排尚未发布，暂按周一至周五计算' : ''}
      </Typography.Text>
    </Space>
  )
}
