import { type Static, Type } from 'typebox'

export const CalendarDayText = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: '日期（YYYY-MM-DD）',
  examples: ['2026-10-01'],
})

export const CalendarYearNumber = Type.Integer({ minimum: 1990, maximum: 2200, description: '年份' })

export const CalendarDayKindSchema = Type.Union([Type.Literal('workday'), Type.Literal('holiday')], {
  description: 'workday 调休上班 / holiday 放假',
})

export const CalendarDayView = Type.Object({
  day: CalendarDayText,
  kind: CalendarDayKindSchema,
  name: Type.String({ description: '节日名称' }),
  source: Type.Union([Type.Literal('chinese-days'), Type.Literal('override')], {
    description: 'chinese-days 数据包 / override 中心录入',
  }),
  updatedAt: Type.String({ format: 'date-time', description: '更新时间' }),
})
export type CalendarDayView = Static<typeof CalendarDayView>

export const CalendarYearView = Type.Object({
  year: CalendarYearNumber,
  published: Type.Boolean({ description: '当年节假日安排是否已发布（未发布的年份不计算工作日）' }),
  source: Type.Union([Type.Literal('chinese-days'), Type.Literal('override'), Type.Null()], {
    description: '发布状态的来源',
  }),
  days: Type.Array(CalendarDayView, { description: '与周一至周五规则不同或有节日名称的日期' }),
})
export type CalendarYearView = Static<typeof CalendarYearView>

export const CalendarYearParams = Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2200 }) })
export const CalendarDayParams = Type.Object({ day: CalendarDayText })

export const CalendarDayOverride = Type.Object(
  {
    kind: CalendarDayKindSchema,
    name: Type.String({ minLength: 1, maxLength: 40, description: '节日名称，如 春节' }),
  },
  { additionalProperties: false },
)
export type CalendarDayOverride = Static<typeof CalendarDayOverride>

export const CalendarYearDeclaration = Type.Object(
  {
    year: CalendarYearNumber,
    published: Type.Boolean({ description: 'true 宣布已发布（录入全年安排之后）；false 撤回' }),
  },
  { additionalProperties: false },
)
export type CalendarYearDeclaration = Static<typeof CalendarYearDeclaration>

export const CalendarYearStatus = Type.Object({
  year: CalendarYearNumber,
  published: Type.Boolean(),
  source: Type.Union([Type.Literal('chinese-days'), Type.Literal('override')]),
})
