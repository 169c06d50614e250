import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import { actorOf, Permission } from '../identity/index.js'
import {
  MarkReadBody,
  MessageListQuery,
  MessagePage,
  OutboxPage,
  OutboxQuery,
  UnreadCount,
} from './notifications.schemas.js'
import type { Notifications } from './notifications.service.js'

const tags = ['notifications']

/** 我的消息 for every logged-in account, and the outbox for the centre's supervisors. */
export function notificationRoutes(app: HttpServer, { notifications }: { notifications: Notifications }): void {
  app.get(
    '/api/notifications/messages',
    {
      schema: {
        tags,
        summary: '我的消息（最新在前），含未读数',
        querystring: MessageListQuery,
        response: { 200: MessagePage, ...errorResponses(401) },
      },
    },
    (request) => notifications.listMyMessages(actorOf(request), request.query),
  )

  app.get(
    '/api/notifications/messages/unread-count',
    {
      schema: { tags, summary: '我的未读消息数', response: { 200: UnreadCount, ...errorResponses(401) } },
    },
    async (request) => ({ unread: await notifications.countMyUnread(actorOf(request)) }),
  )

  app.post(
    '/api/notifications/messages/read',
    {
      schema: {
        tags,
        summary: '把我的消息标记为已读（所选的，或全部）',
        body: MarkReadBody,
        response: { 200: UnreadCount, ...errorResponses(401, 403) },
      },
    },
    (request) => notifications.markMyMessagesRead(actorOf(request), request.body),
  )

  app.get(
    '/api/notifications/outbox',
    {
      schema: {
        tags,
        summary: '通知发件箱（短信与站内消息；手机号脱敏）',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, ...errorResponses(401, 403) },
      },
      // The centre's supervisors follow every department's cases, and so every message sent about them.
      config: { access: { permission: Permission.superviseCases } },
    },
    (request) => notifications.listOutbox(request.query),
  )
}
