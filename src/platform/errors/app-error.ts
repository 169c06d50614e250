/** An error the API reports to its caller: a stable machine code, an HTTP status and a Chinese message. */
export class AppError extends Error {
  readonly code: string
  readonly statusCode: number
  readonly details: unknown

  constructor(code: string, statusCode: number, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.statusCode = statusCode
    this.details = details
  }
}

/** Errors every module may raise; module-specific ones live in `<module>.errors.ts`. */
export const commonErrors = {
  notFound: (what = '资源') => new AppError('NOT_FOUND', 404, `未找到${what}`),
  unauthenticated: () => new AppError('AUTH_REQUIRED', 401, '请先登录'),
  forbidden: (reason = '您没有执行此操作的权限') => new AppError('FORBIDDEN', 403, reason),
  conflict: (message = '数据已被他人修改，请刷新后重试') => new AppError('CONFLICT', 409, message),
  invalid: (message: string, details?: unknown) => new AppError('VALIDATION_FAILED', 400, message, details),
}
