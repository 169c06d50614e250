import { type Static, Type } from 'typebox'
import { Role } from './roles.js'

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

export const RoleCode = Type.Union(
  [
    Type.Literal(Role.windowClerk),
    Type.Literal(Role.departmentReviewer),
    Type.Literal(Role.departmentLeader),
    Type.Literal(Role.centreManager),
    Type.Literal(Role.systemAdmin),
    Type.Literal(Role.securityAdmin),
    Type.Literal(Role.auditAdmin),
  ],
  { description: '角色编码' },
)

export const LoginName = Type.String({
  minLength: 3,
  maxLength: 32,
  pattern: '^[A-Za-z][A-Za-z0-9_.-]{2,31}$',
  description: '登录名（字母开头，3–32 位字母、数字或 _.-）',
})
const Password = Type.String({ minLength: 1, maxLength: 128, description: '密码' })
const NewPassword = Type.String({ minLength: 8, maxLength: 128, description: '密码（至少 8 位，含三类字符）' })
const Phone = Type.String({ minLength: 11, maxLength: 11, description: '手机号码' })
const DepartmentRef = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()])

export const Account = Type.Object({
  id: Type.String({ description: '账户编号' }),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('person'), Type.Literal('organization')], {
    description: 'staff 工作人员 / person 自然人 / organization 法人',
  }),
  loginName: Type.String(),
  displayName: Type.String({ description: '姓名或单位名称' }),
  roles: Type.Array(RoleCode),
  department: DepartmentRef,
  permissions: Type.Array(Type.String()),
  maskedIdNumber: Nullable(Type.String({ description: '脱敏的居民身份证号码' })),
  maskedPhone: Nullable(Type.String({ description: '脱敏的手机号码' })),
  uscc: Nullable(Type.String({ description: '统一社会信用代码' })),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
  hasTotp: Type.Boolean({ description: '是否已启用动态验证码' }),
})
export type Account = Static<typeof Account>

export const SessionRestriction = Type.Union(
  [Type.Literal('totp_enrollment'), Type.Literal('password_change'), Type.Null()],
  { description: '受限会话：须先绑定动态验证码或修改密码' },
)

export const LoginBody = Type.Object(
  {
    loginName: Type.String({ minLength: 1, maxLength: 64, description: '登录名或居民身份证号码' }),
    password: Password,
    totpCode: Type.Optional(
      Type.String({ minLength: 6, maxLength: 6, pattern: '^\\d{6}$', description: '动态验证码' }),
    ),
    grantCode: Type.Optional(
      Type.String({
        minLength: 12,
        maxLength: 20,
        pattern: '^[A-Za-z0-9 -]+$',
        description: '授权码：安全管理员授予管理员角色时得到的一次性代码，首次绑定动态验证码时输入',
      }),
    ),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const SessionView = Type.Object({
  account: Account,
  csrfToken: Type.String({ description: '状态变更请求须在 X-CSRF-Token 头中带回' }),
  previousLogin: Type.Union([
    Type.Object({ at: Type.String({ format: 'date-time' }), clientAddress: Nullable(Type.String()) }),
    Type.Null(),
  ]),
  restriction: SessionRestriction,
})
export type SessionView = Static<typeof SessionView>

export const RegisterBody = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('person'),
      loginName: LoginName,
      name: Type.String({ minLength: 2, maxLength: 50, description: '姓名' }),
      idNumber: Type.String({ minLength: 1, maxLength: 18, description: '居民身份证号码' }),
      phone: Phone,
      password: NewPassword,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('organization'),
      loginName: LoginName,
      name: Type.String({ minLength: 2, maxLength: 100, description: '单位名称' }),
      uscc: Type.String({ minLength: 1, maxLength: 18, description: '统一社会信用代码' }),
      phone: Phone,
      password: NewPassword,
    },
    { additionalProperties: false },
  ),
])
export type RegisterBody = Static<typeof RegisterBody>

export type Department = { id: string; code: string; name: string; children: Department[] }

/** Departments nest at most this deep (e.g. 局 → 科 → 窗口); creation enforces it. */
export const MAX_DEPARTMENT_DEPTH = 3
// A finite schema per level, because the response serializer and OpenAPI need no recursion.
function departmentLevel(depth: number): ReturnType<typeof Type.Object> {
  return Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    children: Type.Array(depth > 1 ? departmentLevel(depth - 1) : Type.Object({}), depth > 1 ? {} : { maxItems: 0 }),
  })
}
export const Department = departmentLevel(MAX_DEPARTMENT_DEPTH)

export const DepartmentDirectory = Type.Object({
  division: Type.Object({ code: Type.String(), name: Type.String(), fullName: Type.String() }),
  departments: Type.Array(Department),
})

export const Division = Type.Object({
  code: Type.String({ description: 'GB/T 2260 代码' }),
  name: Type.String(),
  level: Type.Integer({ description: '1 省 2 市 3 县' }),
})
export type Division = Static<typeof Division>

export const DivisionQuery = Type.Object(
  { parentCode: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: '上级区划代码；不填为省级' })) },
  { additionalProperties: false },
)

export const StaffMember = Type.Object({
  id: Type.String(),
  loginName: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleCode),
  department: DepartmentRef,
  status: Type.Union([Type.Literal('active'), Type.Literal('locked'), Type.Literal('disabled')]),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
})
export type StaffMember = Static<typeof StaffMember>

export const CreatedStaffMember = Type.Object({
  ...StaffMember.properties,
  oneTimePassword: Type.String({ description: '系统生成的一次性初始密码，只显示这一次；本人首次登录须修改' }),
})

export const RoleAssignment = Type.Object({
  ...StaffMember.properties,
  grantCode: Nullable(
    Type.String({ description: '授予管理员角色时的一次性授权码，只显示这一次，当面交给本人；其他情况为 null' }),
  ),
})

export const PasswordReset = Type.Object({
  oneTimePassword: Type.String({ description: '系统生成的一次性密码，只显示这一次；本人登录后须立即修改' }),
})

export const AdminNetwork = Type.Object(
  {
    cidr: Type.String({ minLength: 2, maxLength: 64, description: 'IPv4 或 IPv6 地址段，如 10.1.0.0/16、fd00::/8' }),
    description: Type.String({ maxLength: 60, description: '说明，如“信息中心运维区”' }),
  },
  { additionalProperties: false },
)

export const AdminNetworksBody = Type.Object(
  { networks: Type.Array(AdminNetwork, { maxItems: 100, description: '为空表示不限制' }) },
  { additionalProperties: false },
)

export const StaffQuery = Type.Object(
  { departmentId: Type.Optional(Type.String({ format: 'uuid', description: '部门编号（含下级部门）' })) },
  { additionalProperties: false },
)

export const CreateStaffBody = Type.Object(
  {
    loginName: LoginName,
    displayName: Type.String({ minLength: 2, maxLength: 50, description: '姓名' }),
    departmentId: Type.String({ format: 'uuid', description: '所属部门' }),
    roles: Type.Optional(
      Type.Array(RoleCode, {
        maxItems: 7,
        uniqueItems: true,
        description: '须为空：新账户不带角色，角色由安全管理员授予（三员分离）',
      }),
    ),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
)
export type CreateStaffBody = Static<typeof CreateStaffBody>

export const PublicAccountLookupQuery = Type.Object(
  { idNumber: Type.String({ minLength: 18, maxLength: 18, description: '居民身份证号码' }) },
  { additionalProperties: false },
)

export const PublicAccountSummary = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  maskedIdNumber: Type.String(),
  maskedPhone: Nullable(Type.String()),
})

export const OwnAccountView = Type.Object({
  account: Account,
  csrfToken: Type.String(),
  restriction: SessionRestriction,
})

export const TotpEnrollment = Type.Object({
  secret: Type.String({ description: 'Base32 密钥（无法扫码时手工输入）' }),
  uri: Type.String({ description: 'otpauth:// 地址，身份验证器应用扫码绑定' }),
})

export const TotpActivationBody = Type.Object(
  { code: Type.String({ pattern: '^\\d{6}$', description: '动态验证码' }) },
  { additionalProperties: false },
)

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: NewPassword },
  { additionalProperties: false },
)

export const AccountIdParams = Type.Object({ id: Type.String({ format: 'uuid', description: '账户编号' }) })

export const AssignRolesBody = Type.Object(
  { roles: Type.Array(RoleCode, { minItems: 0, maxItems: 7, uniqueItems: true }) },
  { additionalProperties: false },
)

export const StaffStatusBody = Type.Object(
  { status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) },
  { additionalProperties: false },
)

export const CreateDepartmentBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9-]+$', description: '部门编码' }),
    name: Type.String({ minLength: 2, maxLength: 60, description: '部门名称' }),
    parentId: Type.Optional(Type.String({ format: 'uuid', description: '上级部门' })),
  },
  { additionalProperties: false },
)
export type CreateDepartmentBody = Static<typeof CreateDepartmentBody>

export const SetupBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 100, description: '首次启动时控制台打印的一次性初始化令牌' }),
    divisionCode: Type.String({ pattern: '^\\d{6}$', description: '本中心所在行政区划代码（GB/T 2260）' }),
    centreName: Type.String({ minLength: 4, maxLength: 60, description: '政务服务中心（管理办公室）名称' }),
    loginName: LoginName,
    displayName: Type.String({ minLength: 2, maxLength: 50, description: '系统管理员姓名' }),
    password: NewPassword,
  },
  { additionalProperties: false },
)
export type SetupBody = Static<typeof SetupBody>

export const SetupRoleHolderBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 100, description: '首次启动时控制台打印的一次性初始化令牌' }),
    role: Type.Union([Type.Literal(Role.securityAdmin), Type.Literal(Role.auditAdmin)], {
      description: '尚无人担任的管理员角色',
    }),
    loginName: LoginName,
    displayName: Type.String({ minLength: 2, maxLength: 50, description: '本人姓名' }),
    password: NewPassword,
  },
  { additionalProperties: false },
)
export type SetupRoleHolderBody = Static<typeof SetupRoleHolderBody>

export const SetupStatus = Type.Object({
  needed: Type.Boolean({ description: '是否需要创建首个系统管理员' }),
  // Public: only which of the three administrator roles still lack a holder, never who holds the others.
  missingRoles: Type.Array(
    Type.Union([Type.Literal(Role.systemAdmin), Type.Literal(Role.securityAdmin), Type.Literal(Role.auditAdmin)]),
    { description: '尚无人担任、仍可用初始化令牌创建的管理员角色；为空表示初始化已完成' },
  ),
})
