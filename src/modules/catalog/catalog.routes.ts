import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { commonErrors } from '../../platform/errors/index.js'
import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import {
  buildAttachmentDisposition,
  type ReceivedUpload,
  registerUploads,
  sendUploadedFile,
  type UploadPolicy,
  UploadRefusal,
  withUpload,
} from '../../platform/upload/index.js'
import { actorOf, Permission } from '../identity/index.js'
import { catalogErrors } from './catalog.errors.js'
import {
  CodeParams,
  CreateItemBody,
  DiffParams,
  Facets,
  FileUploadQuery,
  ImportReport,
  ItemSummary,
  ItemVersion,
  ItemVersionSummary,
  NoticeBody,
  OneTimeNotice,
  OneTimeNoticeContent,
  PublishedItem,
  ReasonBody,
  SaveDraftBody,
  SearchQuery,
  SearchResult,
  StoredFile,
  Synonym,
  SynonymBody,
  VersionDiff,
  VersionParams,
  WorkbenchItemQuery,
} from './catalog.schemas.js'
import type { CatalogService } from './catalog.service.js'
import { buildTemplateWorkbook, buildWorkbook, readWorkbook } from './implementation-workbook.js'

export type CatalogRouteOptions = { catalog: CatalogService; searchRateLimitPerMinute?: number }

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024
const FORM_FILE_MAX_BYTES = 10 * 1024 * 1024
/** What each upload accepts. Old Office formats (.doc/.xls) are OLE files that may carry macros: refused. */
const FILE_POLICIES: Record<'blankForm' | 'sample', UploadPolicy> = {
  blankForm: { accept: ['pdf', 'docx', 'xlsx', 'ofd'], maxBytes: FORM_FILE_MAX_BYTES },
  sample: { accept: ['pdf', 'jpg', 'png'], maxBytes: FORM_FILE_MAX_BYTES },
}
// A county's whole implementation list: thousands of rows, still far below what exceljs holds comfortably.
const WORKBOOK_POLICY: UploadPolicy = {
  accept: ['xlsx'],
  maxBytes: 20 * 1024 * 1024,
  archive: { maxEntries: 500, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 96 * 1024 * 1024 },
}
const edit = { permission: Permission.editCatalogItems }
const publish = { permission: Permission.publishCatalogItems }
const manageSynonyms = { permission: Permission.manageCatalogSynonyms }

/** The catalog's HTTP API: public search, guides and notices; the workbench's editing, review and import. */
export function catalogRoutes(app: HttpServer, { catalog, searchRateLimitPerMinute = 120 }: CatalogRouteOptions) {
  const tags = ['catalog']

  // ——— public ———

  app.get(
    '/api/catalog/search',
    {
      schema: {
        tags,
        summary: '检索事项（分词、同义词、筛选、命中高亮）',
        querystring: SearchQuery,
        response: { 200: SearchResult, ...errorResponses(429) },
      },
      config: { access: 'public', rateLimit: { max: searchRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    (request) => catalog.search(request.query),
  )

  app.get(
    '/api/catalog/facets',
    {
      schema: { tags, summary: '按部门、主题、事项类型统计已发布事项', response: { 200: Facets } },
      config: { access: 'public' },
    },
    () => catalog.getFacets(),
  )

  app.get(
    '/api/catalog/items/:code',
    {
      schema: {
        tags,
        summary: '查看办事指南（当前发布版本）',
        params: CodeParams,
        response: { 200: PublishedItem, ...errorResponses(404) },
      },
      config: { access: 'public' },
    },
    (request) => catalog.getPublishedItem(request.params.code),
  )

  app.post(
    '/api/catalog/items/:code/notice-preview',
    {
      schema: {
        tags,
        summary: '按情形答案预览一次性告知单（不保存）',
        params: CodeParams,
        body: NoticeBody,
        response: { 200: OneTimeNoticeContent, ...errorResponses(404) },
      },
      config: { access: 'public', rateLimit: { max: searchRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    (request) => catalog.previewNotice(request.params.code, request.body.answers),
  )

  app.post(
    '/api/catalog/items/:code/notices',
    {
      schema: {
        tags,
        summary: '出具一次性告知单（生成编号，可凭编号或二维码重新打开）',
        params: CodeParams,
        body: NoticeBody,
        response: { 201: OneTimeNotice, ...errorResponses(404, 429) },
      },
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      reply.code(201)
      return catalog.issueNotice(request.params.code, request.body.answers)
    },
  )

  app.get(
    '/api/catalog/notices/:number',
    {
      schema: {
        tags,
        summary: '重新打开一次性告知单；编号后加 .pdf 得到可打印的 PDF',
        params: Type.Object({ number: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: OneTimeNotice, ...errorResponses(404) },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const { number } = request.params
      // One route serves both: a parametric path cannot end in a literal suffix reliably.
      if (number.endsWith('.pdf')) {
        const pdf = await catalog.renderNoticePdf(number.slice(0, -4))
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${number}"`)
          .send(pdf as never)
      }
      return catalog.getNotice(number)
    },
  )

  app.get(
    '/api/catalog/files/:id',
    {
      schema: {
        tags,
        summary: '下载空白表格或示例样表',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        response: errorResponses(404),
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const file = await catalog.getFile(request.params.id)
      // A file linked from a published guide is public content; any other (a draft's) only goes to editors.
      if (!file.isPublic) {
        if (!request.principal) throw commonErrors.unauthenticated()
        if (!request.principal.permissions.has(Permission.editCatalogItems)) throw catalogErrors.fileNotFound()
      }
      return sendUploadedFile(reply, file)
    },
  )

  // ——— workbench: editing ———

  app.get(
    '/api/catalog/workbench/items',
    {
      schema: {
        tags,
        summary: '我可编辑的事项（部门编辑看本部门，中心看全部）',
        querystring: WorkbenchItemQuery,
        response: { 200: Type.Array(ItemSummary), ...errorResponses(401, 403) },
      },
      config: { access: edit },
    },
    (request) => catalog.listWorkbenchItems(actorOf(request), request.query),
  )

  app.post(
    '/api/catalog/items',
    {
      schema: {
        tags,
        summary: '新建事项（第 1 版草稿）',
        body: CreateItemBody,
        response: { 201: ItemVersion, ...errorResponses(401, 403, 409) },
      },
      config: { access: edit },
    },
    async (request, reply) => {
      reply.code(201)
      return catalog.createItem(
        request.auditContext,
        actorOf(request),
        request.body.guide,
        request.body.applicationForm,
      )
    },
  )

  app.get(
    '/api/catalog/items/:code/draft',
    {
      schema: {
        tags,
        summary: '读取正在编辑的版本（无草稿时为当前发布版本）',
        params: CodeParams,
        response: { 200: ItemVersion, ...errorResponses(401, 403, 404) },
      },
      config: { access: edit },
    },
    (request) => catalog.getDraft(actorOf(request), request.params.code),
  )

  app.put(
    '/api/catalog/items/:code/draft',
    {
      schema: {
        tags,
        summary: '保存草稿（修改已发布事项会生成新版本草稿）',
        params: CodeParams,
        body: SaveDraftBody,
        response: { 200: ItemVersion, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: edit },
    },
    (request) =>
      catalog.saveDraft(
        request.auditContext,
        actorOf(request),
        request.params.code,
        request.body.guide,
        request.body.expectedRevision,
        request.body.applicationForm,
      ),
  )

  app.post(
    '/api/catalog/items/:code/submit',
    {
      schema: {
        tags,
        summary: '提交审核',
        params: CodeParams,
        response: { 200: ItemVersion, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: edit },
    },
    (request) => catalog.submitItem(request.auditContext, actorOf(request), request.params.code),
  )

  app.post(
    '/api/catalog/items/:code/return',
    {
      schema: {
        tags,
        summary: '退回修改（中心）',
        params: CodeParams,
        body: ReasonBody,
        response: { 200: ItemVersion, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: publish },
    },
    (request) => catalog.returnItem(request.auditContext, actorOf(request), request.params.code, request.body.reason),
  )

  app.post(
    '/api/catalog/items/:code/publish',
    {
      schema: {
        tags,
        summary: '发布（中心）：生成新的发布版本，原版本保留可查',
        params: CodeParams,
        response: { 200: ItemVersion, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: publish },
    },
    (request) => catalog.publishItem(request.auditContext, actorOf(request), request.params.code),
  )

  app.post(
    '/api/catalog/items/:code/withdraw',
    {
      schema: {
        tags,
        summary: '撤销发布（中心）',
        params: CodeParams,
        body: ReasonBody,
        response: { 200: ItemSummary, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: publish },
    },
    (request) => catalog.withdrawItem(request.auditContext, actorOf(request), request.params.code, request.body.reason),
  )

  app.get(
    '/api/catalog/items/:code/versions',
    {
      schema: {
        tags,
        summary: '版本历史',
        params: CodeParams,
        response: { 200: Type.Array(ItemVersionSummary), ...errorResponses(401, 403, 404) },
      },
      config: { access: edit },
    },
    (request) => catalog.listItemVersions(actorOf(request), request.params.code),
  )

  app.get(
    '/api/catalog/items/:code/versions/:version',
    {
      schema: {
        tags,
        summary: '查看某一版本',
        params: VersionParams,
        response: { 200: ItemVersion, ...errorResponses(401, 403, 404) },
      },
      config: { access: edit },
    },
    (request) => catalog.getItemVersion(request.params.code, request.params.version),
  )

  app.get(
    '/api/catalog/items/:code/versions/:a/diff/:b',
    {
      schema: {
        tags,
        summary: '逐字段比较两个版本',
        params: DiffParams,
        response: { 200: VersionDiff, ...errorResponses(401, 403, 404) },
      },
      config: { access: edit },
    },
    (request) => catalog.diffVersions(request.params.code, request.params.a, request.params.b),
  )

  app.get(
    '/api/catalog/review-queue',
    {
      schema: {
        tags,
        summary: '待审核事项（中心）',
        response: { 200: Type.Array(ItemVersionSummary), ...errorResponses(401, 403) },
      },
      config: { access: publish },
    },
    () => catalog.listReviewQueue(),
  )

  // Only these two routes parse multipart/form-data.
  app.register(async (scope: HttpServer) => {
    await registerUploads(scope)
    scope.post(
      '/api/catalog/files',
      {
        schema: {
          tags,
          summary: '上传空白表格（pdf、docx、xlsx、ofd）或示例样表（pdf、jpg、png）：multipart/form-data，字段 file',
          querystring: FileUploadQuery,
          response: { 201: StoredFile, ...errorResponses(400, 401, 403, 413, 415, 422) },
        },
        config: { access: edit },
      },
      async (request, reply) => {
        const stored = await receiveOrAudit(
          request,
          'catalog.file.upload',
          FILE_POLICIES[request.query.purpose],
          async (file) =>
            catalog.uploadFile(request.auditContext, actorOf(request), {
              fileName: file.fileName,
              contentType: file.contentType,
              content: await file.readContent(),
            }),
        )
        return reply.code(201).send(stored)
      },
    )

    scope.post(
      '/api/catalog/import/workbook',
      {
        schema: {
          tags,
          summary:
            '导入实施清单（Excel 工作簿，multipart/form-data，字段 file）：任何一行有误则全部不导入，逐行报告原因',
          response: { 200: ImportReport, ...errorResponses(400, 401, 403, 413, 415, 422) },
        },
        config: { access: edit },
      },
      (request) =>
        receiveOrAudit(request, 'catalog.import.workbook', WORKBOOK_POLICY, async (file) => {
          const read = await readWorkbook(await file.readContent())
          if ('unreadable' in read) throw catalogErrors.workbookUnreadable(read.unreadable)
          return catalog.importGuides(request.auditContext, actorOf(request), read.entries, { problems: read.problems })
        }),
    )
  })

  /** Receives an upload under `policy`; a malicious one is audited as denied and alerted before the refusal is sent. */
  async function receiveOrAudit<T>(
    request: FastifyRequest,
    action: string,
    policy: UploadPolicy,
    use: (file: ReceivedUpload) => Promise<T>,
  ): Promise<T> {
    try {
      return await withUpload(request, policy, use)
    } catch (error) {
      if (error instanceof UploadRefusal && error.isMalicious)
        await catalog.recordMaliciousUpload(request.auditContext, action, error)
      throw error
    }
  }

  // ——— synonyms ———

  app.get(
    '/api/catalog/synonyms',
    {
      schema: { tags, summary: '同义词表', response: { 200: Type.Array(Synonym), ...errorResponses(401, 403) } },
      config: { access: manageSynonyms },
    },
    () => catalog.listSynonyms(),
  )
  app.post(
    '/api/catalog/synonyms',
    {
      schema: {
        tags,
        summary: '新增同义词',
        body: SynonymBody,
        response: { 201: Synonym, ...errorResponses(401, 403, 409) },
      },
      config: { access: manageSynonyms },
    },
    async (request, reply) => {
      reply.code(201)
      return catalog.saveSynonym(request.auditContext, actorOf(request), request.body)
    },
  )
  const SynonymParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
  app.put(
    '/api/catalog/synonyms/:id',
    {
      schema: {
        tags,
        summary: '修改同义词',
        params: SynonymParams,
        body: SynonymBody,
        response: { 200: Synonym, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: manageSynonyms },
    },
    (request) => catalog.saveSynonym(request.auditContext, actorOf(request), request.body, request.params.id),
  )
  app.delete(
    '/api/catalog/synonyms/:id',
    {
      schema: {
        tags,
        summary: '删除同义词',
        params: SynonymParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
      config: { access: manageSynonyms },
    },
    async (request, reply) => {
      await catalog.deleteSynonym(request.auditContext, request.params.id)
      return reply.code(204).send(null)
    },
  )

  // ——— import / export ———

  app.post(
    '/api/catalog/import',
    {
      schema: {
        tags,
        summary: '导入实施清单（JSON）：任何一条有误则全部不导入，逐条报告原因',
        body: Type.Object(
          {
            format: Type.Literal('tongban.catalog.v1'),
            exportedAt: Type.Optional(Type.String()),
            items: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 10000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ImportReport, ...errorResponses(401, 403, 413) },
      },
      config: { access: edit },
      bodyLimit: IMPORT_BODY_LIMIT,
    },
    (request) =>
      catalog.importGuides(
        request.auditContext,
        actorOf(request),
        request.body.items.map((value, index) => ({ row: index + 1, value })),
      ),
  )

  app.get(
    '/api/catalog/export.json',
    { schema: { tags, summary: '导出实施清单（JSON）', response: errorResponses(401, 403) }, config: { access: edit } },
    async (request, reply) => {
      const items = await catalog.listGuidesForExport(actorOf(request))
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', buildAttachmentDisposition('实施清单.json'))
        .send(
          JSON.stringify(
            { format: 'tongban.catalog.v1', exportedAt: new Date().toISOString(), items },
            null,
            2,
          ) as never,
        )
    },
  )

  app.get(
    '/api/catalog/export.xlsx',
    {
      schema: { tags, summary: '导出实施清单（Excel）', response: errorResponses(401, 403) },
      config: { access: edit },
    },
    async (request, reply) => {
      const items = await catalog.listGuidesForExport(actorOf(request))
      return reply
        .type(XLSX)
        .header('content-disposition', buildAttachmentDisposition('实施清单.xlsx'))
        .send((await buildWorkbook(items)) as never)
    },
  )

  app.get(
    '/api/catalog/import/template.xlsx',
    {
      schema: { tags, summary: '下载实施清单导入模板（Excel）', response: errorResponses(401, 403) },
      config: { access: edit },
    },
    async (_request, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', buildAttachmentDisposition('实施清单导入模板.xlsx'))
        .send((await buildTemplateWorkbook()) as never),
  )
}
