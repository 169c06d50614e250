import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { commonErrors } from '../../platform/errors/index.js'
import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import {
  AccountIdParams,
  AdminNetwork,
  AdminNetworksBody,
  AssignRolesBody,
  ChangePasswordBody,
  CreateDepartmentBody,
  CreatedStaffMember,
  CreateStaffBody,
  DepartmentDirectory,
  Division,
  DivisionQuery,
  LoginBody,
  OwnAccountView,
  PasswordReset,
  PublicAccountLookupQuery,
  PublicAccountSummary,
  RegisterBody,
  RoleAssignment,
  SessionView,
  SetupBody,
  SetupRoleHolderBody,
  SetupStatus,
  StaffMember,
  StaffQuery,
  StaffStatusBody,
  TotpActivationBody,
  TotpEnrollment,
} from './identity.schemas.js'
import type { Actor, IdentityService } from './identity.service.js'
import { Permission, Role } from './roles.js'
import { SecurityPolicy } from './security-policy.js'
import { SESSION_COOKIE } from './session-token.js'

/** The logged-in actor of a request; the access check has already ensured there is one. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = request.principal as Actor | undefined
  if (!actor) throw commonErrors.unauthenticated()
  return actor
}

export type IdentityRouteOptions = {
  identity: IdentityService
  secureCookies: boolean
  loginRateLimitPerMinute: number
}

export function identityRoutes(
  app: HttpServer,
  { identity, secureCookies, loginRateLimitPerMinute }: IdentityRouteOptions,
) {
  function setSessionCookie(reply: FastifyReply, token: string) {
    // HttpOnly: scripts never see it. SameSite=Lax plus the CSRF token stops cross-site state changes.
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' })
  }
  const loginRateLimit = { max: loginRateLimitPerMinute, timeWindow: '1 minute' }

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['identity'],
        summary: '登录（工作人员、自然人、法人）',
        body: LoginBody,
        response: { 200: SessionView, ...errorResponses(401, 403, 423, 429) },
      },
      config: { access: 'public', rateLimit: loginRateLimit },
    },
    async (request, reply) => {
      const { token, view } = await identity.login(request.auditContext, request.body)
      setSessionCookie(reply, token)
      return view
    },
  )

  app.post(
    '/api/auth/register',
    {
      schema: {
        tags: ['identity'],
        summary: '注册（自然人、法人）',
        body: RegisterBody,
        response: { 201: SessionView, ...errorResponses(409, 429) },
      },
      config: { access: 'public', rateLimit: loginRateLimit },
    },
    async (request, reply) => {
      const { token, view } = await identity.register(request.auditContext, request.body)
      setSessionCookie(reply, token)
      return reply.status(201).send(view)
    },
  )

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['identity'],
        summary: '当前登录账户',
        response: { 200: OwnAccountView, ...errorResponses(401) },
      },
      // Public pages ask this to learn whether anyone is logged in: a 401 here is an answer, not an attempt to audit.
      config: { access: 'public' },
    },
    (request) => identity.getOwnAccount(actorOf(request)),
  )

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['identity'],
        summary: '修改本人密码',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.changeOwnPassword } },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body
      await identity.changePassword(request.auditContext, actorOf(request), currentPassword, newPassword)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/auth/totp/enrollment',
    {
      schema: {
        tags: ['identity'],
        summary: '开始绑定动态验证码（TOTP）',
        response: { 200: TotpEnrollment, ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.enrollTotp } },
    },
    (request) => identity.startTotpEnrollment(request.auditContext, actorOf(request)),
  )

  app.post(
    '/api/auth/totp/activation',
    {
      schema: {
        tags: ['identity'],
        summary: '输入动态验证码完成绑定',
        body: TotpActivationBody,
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.enrollTotp } },
    },
    async (request, reply) => {
      await identity.activateTotp(request.auditContext, actorOf(request), request.body.code)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/security/policy',
    {
      schema: {
        tags: ['identity'],
        summary: '密码与会话安全策略',
        response: { 200: SecurityPolicy, ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.manageSecurityPolicy } },
    },
    () => identity.getPolicy(),
  )

  app.put(
    '/api/security/policy',
    {
      schema: {
        tags: ['identity'],
        summary: '修改安全策略（安全管理员）',
        body: SecurityPolicy,
        response: { 200: SecurityPolicy, ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.manageSecurityPolicy } },
    },
    (request) => identity.updatePolicy(request.auditContext, actorOf(request), request.body),
  )

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['identity'], summary: '退出登录', response: { 204: Type.Null(), ...errorResponses(401, 403) } },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      await identity.logout(request.auditContext, actorOf(request))
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/setup',
    {
      schema: {
        tags: ['identity'],
        summary: '初始化进度：哪些管理员角色尚无人担任（不含姓名）',
        response: { 200: SetupStatus },
      },
      config: { access: 'public' },
    },
    async () => {
      const missingRoles = await identity.listUnheldAdministratorRoles()
      return { needed: missingRoles.includes(Role.systemAdmin), missingRoles }
    },
  )

  app.post(
    '/api/setup/administrator',
    {
      schema: {
        tags: ['identity'],
        summary: '用一次性令牌创建首个系统管理员',
        body: SetupBody,
        response: { 201: Type.Object({ accountId: Type.String() }), ...errorResponses(403, 409, 429) },
      },
      config: { access: 'public', rateLimit: loginRateLimit },
    },
    async (request, reply) => {
      const created = await identity.createFirstAdministrator(request.auditContext, request.body)
      return reply.status(201).send(created)
    },
  )

  app.post(
    '/api/setup/role-holder',
    {
      schema: {
        tags: ['identity'],
        summary: '用一次性令牌由本人创建首个安全管理员或审计管理员（此后角色只由安全管理员授予）',
        body: SetupRoleHolderBody,
        response: { 201: Type.Object({ accountId: Type.String() }), ...errorResponses(400, 403, 409, 429) },
      },
      config: { access: 'public', rateLimit: loginRateLimit },
    },
    async (request, reply) => {
      const created = await identity.createFirstRoleHolder(request.auditContext, request.body)
      return reply.status(201).send(created)
    },
  )

  app.get(
    '/api/security/keys',
    {
      schema: {
        tags: ['identity'],
        summary: '个人信息加密密钥状态',
        response: {
          200: Type.Object({ activeVersion: Type.Integer(), accountsToReencrypt: Type.Integer() }),
          ...errorResponses(401, 403),
        },
      },
      config: { access: { permission: Permission.rotateKeys } },
    },
    () => identity.getKeyStatus(),
  )

  app.post(
    '/api/security/keys/rotation',
    {
      schema: {
        tags: ['identity'],
        summary: '轮换个人信息加密密钥（后台重新加密，不停机）',
        response: { 200: Type.Object({ version: Type.Integer() }), ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.rotateKeys } },
    },
    (request) => identity.rotateFieldKey(request.auditContext),
  )

  const ExportRequest = Type.Object({
    id: Type.String(),
    requestedBy: Type.String({ description: '申请人账户编号' }),
    requesterName: Type.String(),
    reason: Type.String(),
    status: Type.Union([
      Type.Literal('pending'),
      Type.Literal('approved'),
      Type.Literal('rejected'),
      Type.Literal('downloaded'),
    ]),
    createdAt: Type.String({ format: 'date-time' }),
  })
  const toExportView = (row: {
    id: string
    requested_by: string
    requester_name: string
    reason: string
    status: 'pending' | 'approved' | 'rejected' | 'downloaded'
    created_at: Date
  }) => ({
    id: row.id,
    requestedBy: row.requested_by,
    requesterName: row.requester_name,
    reason: row.reason,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  })
  const ExportParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
  const exportAccess = { access: { permission: Permission.exportPersonalData } }

  app.post(
    '/api/identity/exports',
    {
      schema: {
        tags: ['identity'],
        summary: '申请导出个人信息（须另一人审批）',
        body: Type.Object({ reason: Type.String({ minLength: 4, maxLength: 300 }) }, { additionalProperties: false }),
        response: { 201: ExportRequest, ...errorResponses(401, 403) },
      },
      config: exportAccess,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(toExportView(await identity.requestExport(request.auditContext, actorOf(request), request.body.reason))),
  )

  app.get(
    '/api/identity/exports',
    {
      schema: {
        tags: ['identity'],
        summary: '个人信息导出申请',
        response: { 200: Type.Array(ExportRequest), ...errorResponses(401, 403) },
      },
      config: exportAccess,
    },
    async () => (await identity.listExportRequests()).map(toExportView),
  )

  app.post(
    '/api/identity/exports/:id/decision',
    {
      schema: {
        tags: ['identity'],
        summary: '审批个人信息导出申请（不能审批本人申请）',
        params: ExportParams,
        body: Type.Object({ approve: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ExportRequest, ...errorResponses(401, 403, 404, 409) },
      },
      config: exportAccess,
    },
    async (request) =>
      toExportView(
        await identity.decideExport(request.auditContext, actorOf(request), request.params.id, request.body.approve),
      ),
  )

  app.get(
    '/api/identity/exports/:id/download',
    {
      schema: {
        tags: ['identity'],
        summary: '下载已批准的个人信息导出（仅一次）',
        params: ExportParams,
        response: { 200: Type.String({ description: 'CSV' }), ...errorResponses(401, 403, 404, 409) },
      },
      config: exportAccess,
    },
    async (request, reply) => {
      const csv = await identity.downloadExport(request.auditContext, actorOf(request), request.params.id)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="personal-data-export.csv"')
        .send(csv)
    },
  )

  app.get(
    '/api/identity/departments',
    {
      schema: { tags: ['identity'], summary: '部门目录（公开）', response: { 200: DepartmentDirectory } },
      config: { access: 'public' },
    },
    () => identity.getDepartmentDirectory(),
  )

  app.get(
    '/api/identity/divisions',
    {
      schema: {
        tags: ['identity'],
        summary: '行政区划（GB/T 2260）',
        querystring: DivisionQuery,
        response: { 200: Type.Array(Division) },
      },
      config: { access: 'public' },
    },
    (request) => identity.listDivisions(request.query.parentCode),
  )

  app.get(
    '/api/identity/staff',
    {
      schema: {
        tags: ['identity'],
        summary: '工作人员（按本人部门范围）',
        querystring: StaffQuery,
        response: { 200: Type.Array(StaffMember), ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.readStaff } },
    },
    (request) => identity.listStaff(actorOf(request), request.query.departmentId),
  )

  app.post(
    '/api/identity/staff',
    {
      schema: {
        tags: ['identity'],
        summary: '新建工作人员账户（不带角色；一次性初始密码只显示这一次）',
        body: CreateStaffBody,
        response: { 201: CreatedStaffMember, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: { permission: Permission.manageStaff } },
    },
    async (request, reply) => {
      const member = await identity.createStaff(request.auditContext, actorOf(request), request.body)
      return reply.status(201).send(member)
    },
  )

  app.put(
    '/api/identity/staff/:id/roles',
    {
      schema: {
        tags: ['identity'],
        summary: '授予或取消角色（安全管理员）；授予管理员角色时返回一次性授权码',
        params: AccountIdParams,
        body: AssignRolesBody,
        response: { 200: RoleAssignment, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: { permission: Permission.assignRoles } },
    },
    (request) => identity.assignRoles(request.auditContext, actorOf(request), request.params.id, request.body.roles),
  )

  app.post(
    '/api/identity/staff/:id/password-reset',
    {
      schema: {
        tags: ['identity'],
        summary: '重置密码为一次性密码（系统管理员）；本人登录后须修改',
        params: AccountIdParams,
        response: { 200: PasswordReset, ...errorResponses(401, 403, 404) },
      },
      config: { access: { permission: Permission.resetPasswords } },
    },
    (request) => identity.resetPassword(request.auditContext, actorOf(request), request.params.id),
  )

  app.post(
    '/api/identity/staff/:id/unlock',
    {
      schema: {
        tags: ['identity'],
        summary: '解除登录失败锁定（安全管理员）',
        params: AccountIdParams,
        response: { 200: StaffMember, ...errorResponses(401, 403, 404) },
      },
      config: { access: { permission: Permission.unlockAccounts } },
    },
    (request) => identity.unlockAccount(request.auditContext, actorOf(request), request.params.id),
  )

  app.get(
    '/api/security/admin-networks',
    {
      schema: {
        tags: ['identity'],
        summary: '管理员登录地址白名单（为空表示不限制）',
        response: { 200: Type.Array(AdminNetwork), ...errorResponses(401, 403) },
      },
      config: { access: { permission: Permission.manageSecurityPolicy } },
    },
    () => identity.getAdminNetworks(),
  )

  app.put(
    '/api/security/admin-networks',
    {
      schema: {
        tags: ['identity'],
        summary: '保存管理员登录地址白名单（安全管理员；不能把自己当前地址排除在外）',
        body: AdminNetworksBody,
        response: { 200: Type.Array(AdminNetwork), ...errorResponses(400, 401, 403, 409) },
      },
      config: { access: { permission: Permission.manageSecurityPolicy } },
    },
    (request) => identity.saveAdminNetworks(request.auditContext, request.body.networks),
  )

  app.put(
    '/api/identity/staff/:id/status',
    {
      schema: {
        tags: ['identity'],
        summary: '停用或启用工作人员账户（系统管理员）',
        params: AccountIdParams,
        body: StaffStatusBody,
        response: { 200: StaffMember, ...errorResponses(401, 403, 404) },
      },
      config: { access: { permission: Permission.manageStaff } },
    },
    (request) =>
      identity.setStaffStatus(request.auditContext, actorOf(request), request.params.id, request.body.status),
  )

  app.post(
    '/api/identity/departments',
    {
      schema: {
        tags: ['identity'],
        summary: '新建部门（系统管理员）',
        body: CreateDepartmentBody,
        response: {
          201: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
          ...errorResponses(401, 403, 404, 409),
        },
      },
      config: { access: { permission: Permission.manageDepartments } },
    },
    async (request, reply) => {
      const department = await identity.addDepartment(request.auditContext, request.body)
      return reply.status(201).send({ id: department.id, code: department.code, name: department.name })
    },
  )

  app.post(
    '/api/identity/people/:id/reveal',
    {
      schema: {
        tags: ['identity'],
        summary: '查看完整证件号码和手机号码（须说明理由，留痕审计）',
        params: AccountIdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 4, maxLength: 200, description: '查看理由，如“核验申请人身份”' }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            displayName: Type.String(),
            idNumber: Type.Union([Type.String(), Type.Null()]),
            phone: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses(401, 403, 404),
        },
      },
      config: { access: { permission: Permission.revealPersonalData } },
    },
    (request) => identity.revealPersonalData(request.auditContext, request.params.id, request.body.reason),
  )

  app.get(
    '/api/auth/me/data',
    {
      schema: {
        tags: ['identity'],
        summary: '下载本人个人信息（个人信息保护法 查阅复制权）',
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errorResponses(401) },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const data = await identity.exportOwnData(request.auditContext, actorOf(request))
      return reply.header('content-disposition', 'attachment; filename="my-tongban-data.json"').send(data)
    },
  )

  app.post(
    '/api/auth/me/closure',
    {
      schema: {
        tags: ['identity'],
        summary: '注销本人账户（群众、企业）',
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ notice: Type.String() }), ...errorResponses(401, 403) },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const result = await identity.closeOwnAccount(request.auditContext, actorOf(request), request.body.password)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return result
    },
  )

  app.get(
    '/api/identity/people',
    {
      schema: {
        tags: ['identity'],
        summary: '按居民身份证号码查找自然人账户（每人限频，每次留痕审计）',
        querystring: PublicAccountLookupQuery,
        response: { 200: PublicAccountSummary, ...errorResponses(401, 403, 404, 429) },
      },
      config: { access: { permission: Permission.lookUpPeople } },
    },
    async (request) => {
      const person = await identity.findPersonByIdNumber(request.auditContext, actorOf(request), request.query.idNumber)
      if (!person) throw commonErrors.notFound('该证件号码的注册账户')
      return person
    },
  )
}
