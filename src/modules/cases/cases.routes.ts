import { type Static, Type } from 'typebox'
import { commonErrors } from '../../platform/errors/index.js'
import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import { actorOf, Permission } from '../identity/index.js'
import {
  AgentCaseBody,
  AtRiskList,
  AtRiskQuery,
  CaseDetail,
  CaseFile,
  CaseList,
  CaseParams,
  CommonOpinion,
  CommonOpinionBody,
  CreateDraftBody,
  DecisionBody,
  DeliveryBody,
  HandlingList,
  ListQuery,
  LookupQuery,
  LookupResult,
  NotAcceptBody,
  OpinionParams,
  OptionalNoteBody,
  PreReviewResult,
  ReasonBody,
  ReturnBody,
  RevealedApplicant,
  ReviewBody,
  SpecialProcedureBody,
  SupplementBody,
  UpdateDraftBody,
  WindowCaseBody,
} from './cases.schemas.js'
import type { CasesService } from './cases.service.js'
import type { CommonOpinions } from './common-opinions.js'

export type CasesRouteOptions = {
  cases: CasesService
  opinions: CommonOpinions
  lookUpCase: (number: string, name: string) => Promise<Static<typeof LookupResult>>
  lookupRateLimitPerMinute?: number
}

const handle = { permission: Permission.handleCases }
const decide = { permission: Permission.decideCases }
const registerAtWindow = { permission: Permission.registerWindowCases }
const manageOpinions = { permission: Permission.manageCommonOpinions }
const supervise = { permission: Permission.superviseCases }

/** The cases API: the applicant's side, the window, handlers' transitions and case file, the public look-up. */
export function casesRoutes(app: HttpServer, options: CasesRouteOptions) {
  const { cases } = options
  const tags = ['cases']
  const detail = { 200: CaseDetail, ...errorResponses(401, 403, 404, 409) }
  const created = { 201: CaseDetail, ...errorResponses(401, 403, 404, 409) }

  // ——— the applicant's side ———

  app.post(
    '/api/cases',
    { schema: { tags, summary: '新建申请（草稿）', body: CreateDraftBody, response: created } },
    async (request, reply) => {
      reply.code(201)
      return cases.createDraft(request.auditContext, actorOf(request), request.body)
    },
  )

  app.put(
    '/api/cases/:caseId/draft',
    {
      schema: {
        tags,
        summary: '保存草稿（退回修改时亦同）；他处已修改时 409',
        params: CaseParams,
        body: UpdateDraftBody,
        response: detail,
      },
    },
    (request) => cases.updateDraft(request.auditContext, actorOf(request), request.params.caseId, request.body),
  )

  app.post(
    '/api/cases/:caseId/submit',
    {
      schema: {
        tags,
        summary: '提交申请（支持 Idempotency-Key，重试不会重复提交）',
        params: CaseParams,
        response: detail,
      },
    },
    (request) => cases.submit(request.auditContext, actorOf(request), request.params.caseId),
  )

  app.post(
    '/api/cases/:caseId/resubmit',
    { schema: { tags, summary: '按退回意见修改后重新提交', params: CaseParams, response: detail } },
    (request) => cases.resubmit(request.auditContext, actorOf(request), request.params.caseId),
  )

  app.post(
    '/api/cases/:caseId/pre-review-check',
    {
      schema: {
        tags,
        summary: '提交前自查：按已填内容和已上传材料运行智能预审（不改变办件）',
        params: CaseParams,
        response: { 200: PreReviewResult, ...errorResponses(401, 404, 409) },
      },
    },
    (request) => cases.checkBeforeSubmit(actorOf(request), request.params.caseId),
  )

  app.post(
    '/api/cases/:caseId/withdraw',
    {
      schema: { tags, summary: '撤回申请（作出决定前）', params: CaseParams, body: OptionalNoteBody, response: detail },
    },
    (request) => cases.withdraw(request.auditContext, actorOf(request), request.params.caseId, request.body.note),
  )

  app.post(
    '/api/cases/:caseId/supplement',
    {
      schema: {
        tags,
        summary: '补正完成（材料已按补正告知书补齐），办件恢复办理、计时恢复',
        params: CaseParams,
        body: OptionalNoteBody,
        response: detail,
      },
    },
    (request) => cases.supplement(request.auditContext, actorOf(request), request.params.caseId, request.body.note),
  )

  app.get(
    '/api/cases/mine',
    { schema: { tags, summary: '我的办件（含代他人申请的）', response: { 200: CaseList, ...errorResponses(401) } } },
    (request) => cases.listMine(actorOf(request)),
  )

  app.get(
    '/api/cases/:caseId',
    { schema: { tags, summary: '办件详情与办理进度', params: CaseParams, response: detail } },
    (request) => cases.getCase(actorOf(request), request.params.caseId),
  )

  // ——— window and agents ———

  app.post(
    '/api/cases/window',
    {
      schema: {
        tags,
        summary: '一窗受理：为到窗口的申请人登记办件（核验身份后直接收件）',
        body: WindowCaseBody,
        response: created,
      },
      config: { access: registerAtWindow },
    },
    async (request, reply) => {
      reply.code(201)
      return cases.registerWindowCase(request.auditContext, actorOf(request), request.body)
    },
  )

  app.post(
    '/api/cases/agent',
    {
      schema: { tags, summary: '帮办代办：凭授权为他人填报申请（草稿）', body: AgentCaseBody, response: created },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      // Staff act as agents only from the window; public accounts (registered agents) file with their authorization.
      if (actor.kind === 'staff' && !actor.permissions.has(Permission.registerWindowCases))
        throw commonErrors.forbidden()
      reply.code(201)
      return cases.fileAsAgent(request.auditContext, actor, request.body)
    },
  )

  // ——— handlers ———

  app.post(
    '/api/cases/:caseId/pre-review/pass',
    {
      schema: { tags, summary: '预审通过', params: CaseParams, body: OptionalNoteBody, response: detail },
      config: { access: handle },
    },
    (request) => cases.passPreReview(request.auditContext, actorOf(request), request.params.caseId, request.body.note),
  )

  app.post(
    '/api/cases/:caseId/pre-review/return',
    {
      schema: { tags, summary: '预审退回修改（逐条写明理由）', params: CaseParams, body: ReturnBody, response: detail },
      config: { access: handle },
    },
    (request) =>
      cases.returnForChanges(request.auditContext, actorOf(request), request.params.caseId, request.body.reasons),
  )

  app.post(
    '/api/cases/:caseId/accept',
    {
      schema: { tags, summary: '受理（启动事项审批流程，次一工作日起计时）', params: CaseParams, response: detail },
      config: { access: handle },
    },
    (request) => cases.accept(request.auditContext, actorOf(request), request.params.caseId),
  )

  app.post(
    '/api/cases/:caseId/not-accept',
    {
      schema: {
        tags,
        summary: '不予受理（须写明理由和法律依据）',
        params: CaseParams,
        body: NotAcceptBody,
        response: detail,
      },
      config: { access: handle },
    },
    (request) =>
      cases.notAccept(
        request.auditContext,
        actorOf(request),
        request.params.caseId,
        request.body.reason,
        request.body.legalBasis,
      ),
  )

  app.post(
    '/api/cases/:caseId/supplement-request',
    {
      schema: {
        tags,
        summary: '一次性告知补正（每件仅一次；暂停计时；流程中即退回申请人补正）',
        params: CaseParams,
        body: SupplementBody,
        response: detail,
      },
      config: { access: handle },
    },
    (request) =>
      cases.requestSupplement(request.auditContext, actorOf(request), request.params.caseId, {
        items: request.body.items,
        ...(request.body.taskId ? { taskId: request.body.taskId } : {}),
      }),
  )

  app.post(
    '/api/cases/:caseId/special-procedure/start',
    {
      schema: {
        tags,
        summary: '启动特别程序（听证、专家评审、检验检测、现场勘验；暂停计时）',
        params: CaseParams,
        body: SpecialProcedureBody,
        response: detail,
      },
      config: { access: handle },
    },
    (request) =>
      cases.startSpecialProcedure(request.auditContext, actorOf(request), request.params.caseId, request.body),
  )

  app.post(
    '/api/cases/:caseId/special-procedure/end',
    {
      schema: { tags, summary: '特别程序结束，恢复计时', params: CaseParams, body: OptionalNoteBody, response: detail },
      config: { access: handle },
    },
    (request) =>
      cases.endSpecialProcedure(request.auditContext, actorOf(request), request.params.caseId, request.body.note),
  )

  app.post(
    '/api/cases/:caseId/decision',
    {
      schema: {
        tags,
        summary: '作出决定：准予或不予许可（不予许可须写明理由、依据，并告知复议和诉讼权利）',
        params: CaseParams,
        body: DecisionBody,
        response: detail,
      },
      config: { access: decide },
    },
    (request) => cases.decide(request.auditContext, actorOf(request), request.params.caseId, request.body),
  )

  app.post(
    '/api/cases/:caseId/conclude',
    {
      schema: { tags, summary: '办结', params: CaseParams, response: detail },
      config: { access: handle },
    },
    (request) => cases.conclude(request.auditContext, actorOf(request), request.params.caseId),
  )

  app.post(
    '/api/cases/:caseId/delivery',
    {
      schema: {
        tags,
        summary: '送达结果（窗口领取、邮寄须填单号、电子送达）',
        params: CaseParams,
        body: DeliveryBody,
        response: detail,
      },
      config: { access: handle },
    },
    (request) => cases.deliver(request.auditContext, actorOf(request), request.params.caseId, request.body),
  )

  app.get(
    '/api/cases/:caseId/file',
    {
      schema: {
        tags,
        summary: '案卷：申请人（脱敏）、申请表、预审结果、历次意见、计时',
        params: CaseParams,
        response: { 200: CaseFile, ...errorResponses(401, 403, 404) },
      },
      config: { access: handle },
    },
    (request) => cases.getCaseFile(actorOf(request), request.params.caseId),
  )

  app.post(
    '/api/cases/:caseId/applicant/reveal',
    {
      schema: {
        tags,
        summary: '查看申请人完整个人信息（须说明理由，留痕审计）',
        params: CaseParams,
        body: ReasonBody,
        response: { 200: RevealedApplicant, ...errorResponses(401, 403, 404) },
      },
      config: { access: handle },
    },
    (request) =>
      cases.revealApplicant(request.auditContext, actorOf(request), request.params.caseId, request.body.reason),
  )

  app.post(
    '/api/cases/:caseId/reviews',
    {
      schema: {
        tags,
        summary: '审查意见：同意 / 不同意 / 退回，并办结该待办任务',
        params: CaseParams,
        body: ReviewBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: handle },
    },
    async (request, reply) => {
      reply.code(201)
      return cases.recordReview(request.auditContext, actorOf(request), request.params.caseId, request.body)
    },
  )

  app.get(
    '/api/cases/handling',
    {
      schema: {
        tags,
        summary: '本部门办件（按紧急程度排序，附各状态件数）',
        querystring: ListQuery,
        response: { 200: HandlingList, ...errorResponses(401, 403) },
      },
      config: { access: handle },
    },
    (request) => cases.listHandling(actorOf(request), request.query),
  )

  app.get(
    '/api/cases/at-risk',
    {
      schema: {
        tags,
        summary: '预警办件（黄牌、红牌），跨部门',
        querystring: AtRiskQuery,
        response: { 200: AtRiskList, ...errorResponses(401, 403) },
      },
      config: { access: supervise },
    },
    (request) => cases.listAtRisk(request.query),
  )

  // ——— 常用意见 ———

  app.get(
    '/api/cases/common-opinions',
    {
      schema: {
        tags,
        summary: '本部门常用意见',
        response: { 200: Type.Array(CommonOpinion), ...errorResponses(401, 403) },
      },
      config: { access: handle },
    },
    (request) => options.opinions.listCommonOpinions(actorOf(request)),
  )

  app.post(
    '/api/cases/common-opinions',
    {
      schema: {
        tags,
        summary: '添加本部门常用意见',
        body: CommonOpinionBody,
        response: { 201: CommonOpinion, ...errorResponses(401, 403, 409) },
      },
      config: { access: manageOpinions },
    },
    async (request, reply) => {
      reply.code(201)
      return options.opinions.addCommonOpinion(request.auditContext, actorOf(request), request.body)
    },
  )

  app.delete(
    '/api/cases/common-opinions/:opinionId',
    {
      schema: {
        tags,
        summary: '删除本部门常用意见',
        params: OpinionParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
      config: { access: manageOpinions },
    },
    async (request, reply) => {
      await options.opinions.deleteCommonOpinion(request.auditContext, actorOf(request), request.params.opinionId)
      return reply.code(204).send(null)
    },
  )

  // ——— public ———

  app.get(
    '/api/cases/lookup',
    {
      schema: {
        tags,
        summary: '办件查询：凭办件编号和申请人姓名（名称）查询进度（不含个人信息）',
        querystring: LookupQuery,
        response: { 200: LookupResult, ...errorResponses(404, 429) },
      },
      config: {
        access: 'public',
        rateLimit: { max: options.lookupRateLimitPerMinute ?? 20, timeWindow: '1 minute' },
      },
    },
    (request) => options.lookUpCase(request.query.number, request.query.name),
  )
}
