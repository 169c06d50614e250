import { buildIdNumberCheckCharacter, buildUsccCheckCharacter, type Role } from '../modules/identity/index.js'

/** The demo county: 江苏省苏州市常熟市 (GB/T 2260 320581), a county-level city with a busy service centre. */
export const DEMO_DIVISION_CODE = '320581'

/** Demo passwords meet the complexity rule; they exist only in demo mode. */
export const DEMO_PASSWORD = 'Tongban@2026'

export type DemoDepartment = { key: string; code: string; name: string; parent?: string }

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { key: 'centre', code: '320581-ZWFW', name: '常熟市政务服务管理办公室' },
  { key: 'approval', code: '320581-XZSP', name: '常熟市行政审批局' },
  { key: 'approval-window', code: '320581-XZSP-ZHSL', name: '综合受理科', parent: 'approval' },
  { key: 'approval-investment', code: '320581-XZSP-TZXM', name: '投资项目审批科', parent: 'approval' },
  { key: 'market', code: '320581-SCJG', name: '常熟市市场监督管理局' },
  { key: 'market-food', code: '320581-SCJG-SPJY', name: '食品经营监管科', parent: 'market' },
  { key: 'health', code: '320581-WSJK', name: '常熟市卫生健康委员会' },
  { key: 'housing', code: '320581-ZJ', name: '常熟市住房和城乡建设局' },
  { key: 'planning', code: '320581-ZRZY', name: '常熟市自然资源和规划局' },
  { key: 'police', code: '320581-GA', name: '常熟市公安局' },
  { key: 'police-household', code: '320581-GA-HZ', name: '户政管理大队', parent: 'police' },
  { key: 'hrss', code: '320581-RS', name: '常熟市人力资源和社会保障局' },
  { key: 'civil', code: '320581-MZ', name: '常熟市民政局' },
]

export type DemoStaff = {
  loginName: string
  displayName: string
  department: string
  roles: Role[]
  phone: string
  /** The three administrators must use TOTP; in demo mode their secrets are published so anyone can try them. */
  totpSecret?: string
}

export const DEMO_STAFF: DemoStaff[] = [
  {
    loginName: 'zhangmin',
    displayName: '张敏',
    department: 'approval-window',
    roles: ['window_clerk'],
    phone: '13962310281',
  },
  {
    loginName: 'xuhui',
    displayName: '徐慧',
    department: 'approval-window',
    roles: ['window_clerk'],
    phone: '13962310295',
  },
  {
    loginName: 'liqiang',
    displayName: '李强',
    department: 'market-food',
    roles: ['department_reviewer'],
    phone: '13862317402',
  },
  {
    loginName: 'wangfang',
    displayName: '王芳',
    department: 'market',
    roles: ['department_leader'],
    phone: '13862317418',
  },
  {
    loginName: 'liuyang',
    displayName: '刘洋',
    department: 'health',
    roles: ['department_reviewer'],
    phone: '13771562033',
  },
  {
    loginName: 'zhaogang',
    displayName: '赵刚',
    department: 'housing',
    roles: ['department_reviewer'],
    phone: '13915608127',
  },
  {
    loginName: 'qianlei',
    displayName: '钱磊',
    department: 'planning',
    roles: ['department_reviewer'],
    phone: '13606232054',
  },
  { loginName: 'chenjing', displayName: '陈静', department: 'centre', roles: ['centre_manager'], phone: '13584462071' },
  { loginName: 'huangwei', displayName: '黄伟', department: 'centre', roles: ['centre_manager'], phone: '13584462075' },
  {
    loginName: 'sysadmin',
    displayName: '周涛',
    department: 'centre',
    roles: ['system_admin'],
    phone: '13584462090',
    totpSecret: 'YVGT7BAZELZE5ZNCTQVB6R6QO5ISDWLO',
  },
  {
    loginName: 'secadmin',
    displayName: '吴磊',
    department: 'centre',
    roles: ['security_admin'],
    phone: '13584462093',
    totpSecret: 'ECY46MONDOWTV6Z2UJ5WP5EQJ3IESWDI',
  },
  {
    loginName: 'auditadmin',
    displayName: '郑丽',
    department: 'centre',
    roles: ['audit_admin'],
    phone: '13584462096',
    totpSecret: 'BXI7EJSGY2CH5IHLCOJ7CE4EDG2ABMNI',
  },
]

function idNumber(first17: string): string {
  return first17 + buildIdNumberCheckCharacter(first17)
}

function uscc(first17: string): string {
  return first17 + buildUsccCheckCharacter(first17)
}

export type DemoPerson = { loginName: string; name: string; idNumber: string; phone: string }
export type DemoOrganization = { loginName: string; name: string; uscc: string; phone: string }

/** Made-up people born in 常熟 (320581), with valid GB 11643 check digits. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { loginName: 'sunxiaomei', name: '孙晓梅', idNumber: idNumber('32058119850312042'), phone: '13814926637' },
  { loginName: 'zhoujianguo', name: '周建国', idNumber: idNumber('32058119680715031'), phone: '15950083214' },
  { loginName: 'gaoyating', name: '高雅婷', idNumber: idNumber('32058120010923008'), phone: '18962357720' },
]

/** Made-up organizations registered in 常熟, with valid GB 32100 check characters. */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    loginName: 'qinchuantextile',
    name: '常熟市琴川纺织有限公司',
    uscc: uscc('91320581MA1T2K8Q5'),
    phone: '13906230518',
  },
  { loginName: 'yushansnack', name: '常熟市虞山晓梅小吃店', uscc: uscc('92320581MA2N7C3L0'), phone: '13814926637' },
]
