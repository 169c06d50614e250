import { type Static, Type } from 'typebox'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description })

export const MAX_MARK_READ_IDS = 200

export const MessageListQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: '页码' })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: '每页条数' })),
    unreadOnly: Type.Optional(Type.Boolean({ default: false, description: '只看未读' })),
  },
  { additionalProperties: false },
)
export type MessageListQuery = Static<typeof MessageListQuery>

export const Message = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Nullable(Type.String({ format: 'uuid' }), '相关办件'),
  title: Type.String({ description: '标题' }),
  text: Type.String({ description: '内容' }),
  link: Nullable(Type.String(), '站内链接'),
  createdAt: Type.String({ format: 'date-time' }),
  isRead: Type.Boolean({ description: '是否已读' }),
})
export type Message = Static<typeof Message>

export const MessagePage = Type.Object({
  items: Type.Array(Message),
  total: Type.Integer({ description: '符合条件的消息数' }),
  unread: Type.Integer({ description: '未读消息数' }),
})
export type MessagePage = Static<typeof MessagePage>

export const UnreadCount = Type.Object({ unread: Type.Integer({ description: '未读消息数' }) })
export type UnreadCount = Static<typeof UnreadCount>

export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), { maxItems: MAX_MARK_READ_IDS, description: '要标记已读的消息' }),
    ),
    all: Type.Optional(Type.Boolean({ description: '全部标记为已读' })),
  },
  { additionalProperties: false },
)
export type MarkReadBody = Static<typeof MarkReadBody>

const OutboxState = Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')])
const OutboxChannel = Type.Union([Type.Literal('sms'), Type.Literal('site')])

export const OutboxQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: '页码' })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: '每页条数' })),
    state: Type.Optional(OutboxState),
    channel: Type.Optional(OutboxChannel),
    caseId: Type.Optional(Type.String({ format: 'uuid', description: '办件' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: '起始时间' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: '截止时间' })),
  },
  { additionalProperties: false },
)
export type OutboxQuery = Static<typeof OutboxQuery>

export const OutboxEntry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  channel: OutboxChannel,
  state: OutboxState,
  caseId: Nullable(Type.String({ format: 'uuid' }), '相关办件'),
  hasAccount: Type.Boolean({ description: '收件人是否为平台账户' }),
  text: Type.String({ description: '发送内容' }),
  maskedPhone: Nullable(Type.String(), '手机号（脱敏）'),
  attempts: Type.Integer({ description: '发送次数' }),
  adapter: Nullable(Type.String(), '短信通道（log-only：仅记录，未接入网关）'),
  lastError: Nullable(Type.String(), '最近一次失败原因'),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' }), '发送时间'),
})
export type OutboxEntry = Static<typeof OutboxEntry>

export const OutboxPage = Type.Object({ items: Type.Array(OutboxEntry), total: Type.Integer() })
export type OutboxPage = Static<typeof OutboxPage>
