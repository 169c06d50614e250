import { type Static, Type } from 'typebox'

/** Who acted, as the audit trail keeps it: a snapshot, since names and departments change later. */
export type AuditActor = {
  accountId: string
  displayName: string
  roles: readonly string[]
  departmentId: string | null
  departmentName: string | null
}

/** Everything a service needs to audit an action of the current request. */
export type AuditContext = {
  actor: AuditActor | null
  clientAddress: string | null
  requestId: string | null
}

export const AuditResult = { success: 'success', failure: 'failure', denied: 'denied' } as const
export type AuditResult = (typeof AuditResult)[keyof typeof AuditResult]

/** One auditable fact: what was done, to what, with which outcome. `details` never holds personal data. */
export type AuditEntry = {
  /** Who acted, when the request's own actor is not yet known (a login names the account it logs into). */
  actor?: AuditActor
  action: string
  target?: string | null
  result: AuditResult
  details?: Record<string, unknown>
}

export const AuditRecordView = Type.Object({
  seq: Type.Integer({ description: '序号' }),
  occurredAt: Type.String({ format: 'date-time', description: '发生时间' }),
  actorName: Type.Union([Type.String(), Type.Null()], { description: '操作人' }),
  roles: Type.Array(Type.String(), { description: '操作人角色' }),
  departmentName: Type.Union([Type.String(), Type.Null()], { description: '操作人部门' }),
  action: Type.String({ description: '操作' }),
  target: Type.Union([Type.String(), Type.Null()], { description: '操作对象' }),
  result: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')], {
    description: '结果',
  }),
  clientAddress: Type.Union([Type.String(), Type.Null()], { description: '客户端地址' }),
  requestId: Type.Union([Type.String(), Type.Null()], { description: '请求编号' }),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: '细节' }),
})
export type AuditRecordView = Static<typeof AuditRecordView>

export const AuditRecordQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: '每页条数' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0, description: '起始位置' })),
    action: Type.Optional(Type.String({ maxLength: 200, description: '操作（前缀匹配）' })),
    actor: Type.Optional(Type.String({ maxLength: 100, description: '操作人姓名（包含）' })),
    actorId: Type.Optional(Type.String({ format: 'uuid', description: '操作人账户编号' })),
    result: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')])),
    from: Type.Optional(Type.String({ format: 'date-time', description: '起始时间' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: '截止时间' })),
  },
  { additionalProperties: false },
)
export type AuditRecordQuery = Static<typeof AuditRecordQuery>

export const AuditRecordPage = Type.Object({ total: Type.Integer(), records: Type.Array(AuditRecordView) })
export type AuditRecordPage = Static<typeof AuditRecordPage>

export const ChainVerification = Type.Object({
  intact: Type.Boolean({ description: '审计链是否完整' }),
  checked: Type.Integer({ description: '已校验记录数' }),
  firstBroken: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }), Type.Null()], {
    description: '第一处断裂',
  }),
  checkpoint: Type.Union(
    [Type.Object({ seq: Type.Integer(), at: Type.String({ format: 'date-time' }) }), Type.Null()],
    {
      description: '比对所用的最新签名检查点（库外保存）；无检查点时为 null，此时无法发现截断',
    },
  ),
  restore: Type.Union(
    [
      Type.Object({
        at: Type.String({ format: 'date-time', description: '恢复标记的签名时间' }),
        restoredSeq: Type.Integer({ description: '恢复后的链尾序号（表须仍包含此记录）' }),
        backupId: Type.String({ description: '所恢复备份的编号' }),
        backupCreatedAt: Type.String({ description: '所恢复备份的创建时间' }),
        supersededCount: Type.Integer({ description: '被此次恢复取代的检查点数' }),
        superseded: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.String({ format: 'date-time' }) }), {
          description: '被此次恢复取代的检查点（最新的若干个，签名均有效）：签于恢复之前、指向恢复后的链尾之后',
        }),
      }),
      Type.Null(),
    ],
    { description: '最近一次从备份恢复的签名恢复标记；从未恢复时为 null' },
  ),
})
export type ChainVerification = Static<typeof ChainVerification>

/**
 * A security alert for the audit and security administrators. `title` is Chinese and never holds personal data;
 * `target` names what it concerns by id (`account:…`, `audit_record:42`).
 */
export type SecurityAlertInput = { kind: string; title: string; detail?: string; target?: string | null }

export const SecurityAlert = Type.Object({
  id: Type.Integer({ description: '告警编号' }),
  kind: Type.String({ description: '告警类别，如 audit_chain_broken 审计链断裂、login_flood 登录洪泛' }),
  title: Type.String({ description: '告警标题' }),
  detail: Type.Union([Type.String(), Type.Null()], { description: '说明' }),
  target: Type.Union([Type.String(), Type.Null()], { description: '涉及对象（编号）' }),
  firstRaisedAt: Type.String({ format: 'date-time', description: '首次发生时间' }),
  lastRaisedAt: Type.String({ format: 'date-time', description: '最近发生时间' }),
  count: Type.Integer({ minimum: 1, description: '发生次数' }),
  acknowledgedByName: Type.Union([Type.String(), Type.Null()], { description: '确认人' }),
  acknowledgedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: '确认时间' }),
})
export type SecurityAlert = Static<typeof SecurityAlert>

export const SecurityAlertList = Type.Object({
  open: Type.Integer({ description: '未确认的告警数' }),
  alerts: Type.Array(SecurityAlert),
})
export type SecurityAlertList = Static<typeof SecurityAlertList>

export const SecurityAlertId = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991, description: '告警编号' })
