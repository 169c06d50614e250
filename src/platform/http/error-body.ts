import { Type } from 'typebox'

/** The one shape of every 4xx/5xx answer. `code` never changes once shipped; `message` is Chinese. */
export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: '机器可读的错误码（MODULE_REASON）' }),
    message: Type.String({ description: '中文错误说明' }),
    details: Type.Optional(Type.Unknown({ description: '错误细节，例如校验失败的字段路径' })),
    requestId: Type.String({ description: '请求编号，便于排查' }),
  },
  { $id: 'ErrorBody', description: '统一错误响应' },
)

/** Response schemas for the error statuses a route can answer, to spread into `schema.response`. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries([400, ...statuses].map((status) => [status, ErrorBody]))
}
