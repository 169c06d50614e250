import { Type } from 'typebox'
import { errorResponses, type HttpServer } from '../../../platform/http/index.js'
import { sendUploadedFile } from '../../../platform/upload/index.js'
import { actorOf } from '../../identity/index.js'
import type { CaseNotices } from './notices.service.js'

const tags = ['cases']
const Id = Type.String({ minLength: 1, maxLength: 64 })
const CaseNoticeSummary = Type.Object({
  id: Type.String({ description: '文书 id' }),
  kind: Type.Union(
    [
      Type.Literal('receipt'),
      Type.Literal('acceptance'),
      Type.Literal('non_acceptance'),
      Type.Literal('supplement'),
      Type.Literal('grant'),
      Type.Literal('denial'),
    ],
    { description: '文书种类' },
  ),
  title: Type.String({ description: '文书名称，如 受理通知书' }),
  number: Type.String({ description: '文书编号' }),
  issuedAt: Type.String({ format: 'date-time', description: '出具时间' }),
  sizeBytes: Type.Union([Type.Integer(), Type.Null()], { description: 'PDF 大小（字节）；生成前为 null' }),
  sm3: Type.Union([Type.String(), Type.Null()], { description: 'PDF 的 SM3 摘要（十六进制）；生成前为 null' }),
})

/**
 * The notices of a case: the list and each PDF as a download. Only those who may see the case (applicant, filer,
 * staff the case is routed to) get them; anyone else gets the same 404 as for a case that does not exist.
 */
export function caseNoticeRoutes(app: HttpServer, { notices }: { notices: CaseNotices }): void {
  app.get(
    '/api/cases/:caseId/notices',
    {
      schema: {
        tags,
        summary: '办件的文书（受理通知书、补正告知书、决定书等）',
        params: Type.Object({ caseId: Id }, { additionalProperties: false }),
        response: { 200: Type.Array(CaseNoticeSummary), ...errorResponses(401, 404) },
      },
    },
    (request) => notices.listCaseNotices(actorOf(request), request.params.caseId),
  )

  app.get(
    '/api/cases/:caseId/notices/:noticeId/pdf',
    {
      schema: {
        tags,
        summary: '下载文书 PDF（附件）',
        params: Type.Object({ caseId: Id, noticeId: Id }, { additionalProperties: false }),
        response: errorResponses(401, 404),
      },
    },
    async (request, reply) => {
      const file = await notices.getCaseNoticePdf(actorOf(request), request.params.caseId, request.params.noticeId)
      reply.header('x-content-sm3', file.sm3)
      return sendUploadedFile(reply, { fileName: file.fileName, contentType: 'application/pdf', content: file.content })
    },
  )
}
