import { AppError } from '../../platform/errors/index.js'

export const identityErrors = {
  invalidCredentials: () => new AppError('AUTH_INVALID_CREDENTIALS', 401, '登录名或密码错误'),
  accountLocked: (until: Date, maxFailures: number) =>
    new AppError(
      'AUTH_ACCOUNT_LOCKED',
      423,
      `密码连续错误 ${maxFailures} 次，账户已锁定，请于 ${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 后再试`,
      { lockedUntil: until.toISOString() },
    ),
  accountDisabled: () => new AppError('AUTH_ACCOUNT_DISABLED', 403, '账户已停用，请联系系统管理员'),
  idNumberInvalid: (problem: 'format' | 'birthDate' | 'checkDigit') =>
    new AppError(
      'IDENTITY_ID_NUMBER_INVALID',
      400,
      {
        format: '居民身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X',
        birthDate: '居民身份证号码中的出生日期不正确',
        checkDigit: '居民身份证号码校验位不正确，请核对后重新输入',
      }[problem],
      { field: 'idNumber', problem },
    ),
  usccInvalid: () =>
    new AppError('IDENTITY_USCC_INVALID', 400, '统一社会信用代码不正确（应为 18 位且校验位正确）', { field: 'uscc' }),
  phoneInvalid: () =>
    new AppError('IDENTITY_PHONE_INVALID', 400, '手机号码应为 11 位数字，以 1 开头', { field: 'phone' }),
  passwordWeak: (reason: string) => new AppError('IDENTITY_PASSWORD_WEAK', 400, reason, { field: 'password' }),
  loginNameTaken: () => new AppError('IDENTITY_LOGIN_NAME_TAKEN', 409, '该登录名已被使用，请换一个'),
  accountExists: () => new AppError('IDENTITY_ACCOUNT_EXISTS', 409, '该证件已注册账户，请直接登录或找回密码'),
  departmentNotFound: () => new AppError('IDENTITY_DEPARTMENT_NOT_FOUND', 404, '未找到该部门'),
  roleSeparation: (reason: string) => new AppError('IDENTITY_ROLE_SEPARATION', 400, reason, { field: 'roles' }),
  totpRequired: () => new AppError('AUTH_TOTP_REQUIRED', 401, '请输入动态验证码（身份验证器应用中的 6 位数字）'),
  totpInvalid: () => new AppError('AUTH_TOTP_INVALID', 401, '动态验证码不正确或已使用，请等待下一个验证码'),
  passwordReused: (count: number) =>
    new AppError('IDENTITY_PASSWORD_REUSED', 400, `新密码不能与最近 ${count} 次使用过的密码相同`, {
      field: 'newPassword',
    }),
  staffNotFound: () => new AppError('IDENTITY_STAFF_NOT_FOUND', 404, '未找到该工作人员账户'),
  ownRoles: () => new AppError('IDENTITY_OWN_ROLES', 403, '不能修改自己的角色'),
  ownStatus: () => new AppError('IDENTITY_OWN_STATUS', 403, '不能停用自己的账户'),
  departmentCodeTaken: () => new AppError('IDENTITY_DEPARTMENT_CODE_TAKEN', 409, '该部门编码已被使用'),
  staffCannotClose: () =>
    new AppError('IDENTITY_STAFF_CANNOT_CLOSE', 403, '工作人员账户由系统管理员停用，不能自行注销'),
  outsideDepartmentScope: () => new AppError('FORBIDDEN', 403, '只能管理本部门及下级部门的账户'),
  rolesBySecurityAdmin: () =>
    new AppError(
      'IDENTITY_ROLES_BY_SECURITY_ADMIN',
      403,
      '新建账户不带角色；角色由安全管理员在“工作人员”中授予（三员分离）',
      { field: 'roles' },
    ),
  lastAdministrator: (roleLabel: string) =>
    new AppError(
      'IDENTITY_LAST_ADMINISTRATOR',
      409,
      `这是最后一个在用的${roleLabel}账户，不能停用或取消其角色；请先为另一人授予${roleLabel}角色`,
    ),
  ownPassword: () => new AppError('IDENTITY_OWN_PASSWORD', 403, '不能重置自己的密码，请在“我的账户”中修改'),
  grantCodeRequired: () =>
    new AppError('AUTH_GRANT_CODE_REQUIRED', 401, '首次登录管理员账户须输入安全管理员提供的授权码，然后绑定动态验证码'),
  grantCodeInvalid: () => new AppError('AUTH_GRANT_CODE_INVALID', 401, '授权码不正确或已过期，请向安全管理员重新申请'),
  secondFactorNotGranted: () =>
    new AppError(
      'AUTH_SECOND_FACTOR_NOT_GRANTED',
      403,
      '该管理员账户没有可用的动态验证码，也没有有效的授权码；请联系安全管理员重新授予角色',
    ),
  addressNotAllowed: () =>
    new AppError('AUTH_ADDRESS_NOT_ALLOWED', 403, '管理员账户只能从安全管理员允许的地址登录和使用，本次访问已记录'),
  allowListExcludesSelf: (address: string) =>
    new AppError(
      'IDENTITY_ALLOWLIST_EXCLUDES_SELF',
      409,
      `保存后您当前的地址 ${address} 将不在允许范围内，您会被挡在系统之外；请先把它加入列表`,
      { field: 'networks' },
    ),
  networkInvalid: (text: string) =>
    new AppError(
      'IDENTITY_NETWORK_INVALID',
      400,
      `“${text.slice(0, 60)}”不是有效的 IPv4 或 IPv6 地址段（如 10.1.0.0/16）`,
      {
        field: 'networks',
      },
    ),
  lookupRateLimited: (limit: number, minutes: number) =>
    new AppError(
      'IDENTITY_LOOKUP_RATE_LIMITED',
      429,
      `查询过于频繁：每人每 ${minutes} 分钟最多查询 ${limit} 次，请稍后再试`,
    ),
}
