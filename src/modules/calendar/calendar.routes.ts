import { Type } from 'typebox'
import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import { actorOf, Permission } from '../identity/index.js'
import {
  CalendarDayOverride,
  CalendarDayParams,
  CalendarDayView,
  CalendarYearDeclaration,
  CalendarYearParams,
  CalendarYearStatus,
  CalendarYearView,
} from './calendar.schemas.js'
import type { CalendarService } from './calendar.service.js'

/** The public year view of the working-day calendar, and the centre's overrides of it. */
export function calendarRoutes(app: HttpServer, { calendar }: { calendar: CalendarService }): void {
  app.get(
    '/api/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: '查看某年的节假日与调休安排',
        params: CalendarYearParams,
        response: { 200: CalendarYearView, ...errorResponses() },
      },
      config: { access: 'public' },
    },
    (request) => calendar.getYear(request.params.year),
  )

  app.put(
    '/api/calendar/days/:day',
    {
      schema: {
        tags: ['calendar'],
        summary: '调整某日为放假或上班（中心录入，优先于数据包）',
        params: CalendarDayParams,
        body: CalendarDayOverride,
        response: { 200: CalendarDayView, ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.manageCalendar } },
    },
    (request) => calendar.overrideDay(request.auditContext, actorOf(request).id, request.params.day, request.body),
  )

  app.delete(
    '/api/calendar/days/:day',
    {
      schema: {
        tags: ['calendar'],
        summary: '撤销中心对某日的调整',
        params: CalendarDayParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
      config: { access: { permission: Permission.manageCalendar } },
    },
    async (request, reply) => {
      await calendar.removeOverride(request.auditContext, request.params.day)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/calendar/years',
    {
      schema: {
        tags: ['calendar'],
        summary: '宣布某年节假日安排已发布（或撤回）',
        body: CalendarYearDeclaration,
        response: { 200: CalendarYearStatus, ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.manageCalendar } },
    },
    (request) => calendar.declareYear(request.auditContext, actorOf(request).id, request.body),
  )
}
