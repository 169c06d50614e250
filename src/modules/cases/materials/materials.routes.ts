import fastifyMultipart from '@fastify/multipart'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { errorResponses, type HttpServer } from '../../../platform/http/index.js'
import {
  buildAttachmentDisposition,
  type ReceivedUpload,
  type UploadPolicy,
  UploadRefusal,
  withUpload,
} from '../../../platform/upload/index.js'
import { actorOf } from '../../identity/index.js'
import { CaseMaterial, CaseMaterialList, CaseParams, MaterialParams, UploadQuery } from './materials.schemas.js'
import type { CaseMaterialsService, OpenedMaterial } from './materials.service.js'

export type CaseMaterialRouteOptions = {
  materials: CaseMaterialsService
  maxFileBytes: number
}

// Even if a browser rendered a file it was told to download, nothing in it may run or load anything.
const DOWNLOAD_CSP = "default-src 'none'; sandbox"
// The in-browser viewer frames PDFs and images from this origin only; the sandbox still forbids scripts, forms,
// plugins' scripting and navigation of the top page.
const VIEW_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"

/** The HTTP API of a case's 申请材料: multipart upload, list, replace, delete, download and in-browser view. */
export function caseMaterialRoutesPlugin(app: HttpServer, { materials, maxFileBytes }: CaseMaterialRouteOptions) {
  const tags = ['cases']
  // PDF, JPG, PNG, OFD only, decided by content (ADR 0018); larger files are cut off while streaming.
  const policy: UploadPolicy = { accept: ['pdf', 'jpg', 'png', 'ofd'], maxBytes: maxFileBytes }

  async function receiveOrAudit<T>(
    request: FastifyRequest,
    caseId: string,
    use: (upload: ReceivedUpload) => Promise<T>,
  ): Promise<T> {
    try {
      return await withUpload(request, policy, use)
    } catch (error) {
      if (error instanceof UploadRefusal && error.isMalicious)
        await materials.recordMaliciousUpload(request.auditContext, caseId, error)
      throw error
    }
  }

  function sendMaterial(reply: FastifyReply, file: OpenedMaterial, disposition: 'attachment' | 'inline') {
    const header = buildAttachmentDisposition(file.fileName)
    return reply
      .type(file.contentType)
      .header('content-length', String(file.size))
      .header('content-disposition', disposition === 'inline' ? header.replace(/^attachment/, 'inline') : header)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', disposition === 'inline' ? VIEW_CSP : DOWNLOAD_CSP)
      .header('x-frame-options', disposition === 'inline' ? 'SAMEORIGIN' : 'DENY')
      .send(file.stream)
  }

  app.register(async (scope: HttpServer) => {
    // Only the upload and replace routes of this scope take multipart/form-data. The same limits as the platform's
    // registerUploads, plus preservePath: busboy would otherwise cut '../../x.pdf' down to 'x.pdf' before the upload
    // service could see (and refuse) the path in the name.
    await scope.register(fastifyMultipart, {
      limits: { files: 1, fields: 5, fieldSize: 1024, fieldNameSize: 100, parts: 6, headerPairs: 100 },
      throwFileSizeLimit: true,
      preservePath: true,
    })

    scope.get(
      '/api/cases/:caseId/materials',
      {
        schema: {
          tags,
          summary: '办件的申请材料：已上传的文件，以及按情形须提交的材料是否齐全',
          params: CaseParams,
          response: { 200: CaseMaterialList, ...errorResponses(401, 404) },
        },
        config: { access: 'authenticated' },
      },
      (request) => materials.listCaseMaterials(actorOf(request), request.params.caseId),
    )

    scope.post(
      '/api/cases/:caseId/materials',
      {
        schema: {
          tags,
          summary: '上传申请材料（PDF、JPG、PNG、OFD，按内容识别）：multipart/form-data，字段 file',
          params: CaseParams,
          querystring: UploadQuery,
          response: { 201: CaseMaterial, ...errorResponses(401, 404, 409, 413, 415, 422) },
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const { caseId } = request.params
        const material = await materials.checkUpload(actor, caseId, request.query.materialCode)
        const stored = await receiveOrAudit(request, caseId, (upload) =>
          materials.storeMaterial(request.auditContext, actor, caseId, material, upload),
        )
        return reply.code(201).send(stored)
      },
    )

    scope.put(
      '/api/cases/:caseId/materials/:materialId',
      {
        schema: {
          tags,
          summary: '替换申请材料（原文件保留备查）：multipart/form-data，字段 file',
          params: MaterialParams,
          response: { 201: CaseMaterial, ...errorResponses(401, 404, 409, 413, 415, 422) },
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const { caseId, materialId } = request.params
        const material = await materials.checkReplacement(actor, caseId, materialId)
        const stored = await receiveOrAudit(request, caseId, (upload) =>
          materials.storeMaterial(request.auditContext, actor, caseId, material, upload, materialId),
        )
        return reply.code(201).send(stored)
      },
    )

    scope.delete(
      '/api/cases/:caseId/materials/:materialId',
      {
        schema: {
          tags,
          summary: '删除申请材料（已提交过的办件保留备查）',
          params: MaterialParams,
          response: { 204: Type.Null(), ...errorResponses(401, 404, 409) },
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        const { caseId, materialId } = request.params
        await materials.removeMaterial(request.auditContext, actorOf(request), caseId, materialId)
        return reply.code(204).send(null)
      },
    )

    scope.get(
      '/api/cases/:caseId/materials/:materialId/download',
      {
        schema: {
          tags,
          summary: '下载申请材料（以附件方式）',
          params: MaterialParams,
          response: errorResponses(401, 404),
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        const { caseId, materialId } = request.params
        const file = await materials.openMaterial(
          request.auditContext,
          actorOf(request),
          caseId,
          materialId,
          'download',
        )
        return sendMaterial(reply, file, 'attachment')
      },
    )

    scope.get(
      '/api/cases/:caseId/materials/:materialId/view',
      {
        schema: {
          tags,
          summary: '在浏览器中查看申请材料（PDF、图片；OFD 请下载）',
          params: MaterialParams,
          response: errorResponses(401, 404, 415),
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        const { caseId, materialId } = request.params
        const file = await materials.openMaterial(request.auditContext, actorOf(request), caseId, materialId, 'view')
        return sendMaterial(reply, file, 'inline')
      },
    )
  })
}
