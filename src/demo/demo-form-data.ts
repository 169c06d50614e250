import type { ApplicationForm } from '../modules/catalog/index.js'
import {
  buildAddress,
  buildMobileNumber,
  buildPerson,
  buildUscc,
  type DemoApplicant,
  type SeededRandom,
} from './demo-applicants.js'
import { DEMO_DIVISION_CODE } from './demo-organization.js'

/*
 * Fills a demo item's application form for a made-up applicant: the fields the applicant's own data answers
 * (name, ID number, company, phone, address) from the applicant, plausible values for the rest, and each field of
 * a conditional block only when its condition holds — so the server's validation accepts it as submitted.
 */

type Node = {
  type?: string
  title?: string
  enum?: string[]
  format?: string
  minimum?: number
  maximum?: number
  minLength?: number
  minItems?: number
  maxItems?: number
  properties?: Record<string, Node>
  required?: string[]
  items?: Node
  allOf?: { if: { properties: Record<string, { const?: string; enum?: string[] }> }; then: Node }[]
  'x-notFuture'?: boolean
  'x-notBefore'?: string
}

const DAY_MS = 86_400_000

const TEXTS: Record<string, (random: SeededRandom) => string> = {
  businessScope: (random) =>
    random.pick(['小吃服务；预包装食品销售', '日用百货、文具用品零售', '服装加工；服装、鞋帽零售', '家电维修服务']),
  projectName: (random) =>
    `${random.pick(['琴川', '虞山', '尚湖', '海虞', '梅李', '古里'])}${random.pick(['智能制造产业园', '社区邻里中心', '标准厂房', '农贸市场改建', '人才公寓', '物流仓储中心'])}项目`,
  landCertificate: (random) => `苏（2026）常熟市不动产权第${String(random.integer(1, 99_999)).padStart(7, '0')}号`,
  designer: (random) =>
    random.pick([
      '常熟市建筑设计研究院有限公司',
      '苏州市规划设计研究院股份有限公司',
      '江苏中锐华东建筑设计研究院有限公司',
    ]),
  qualificationNumber: (random) => `2${String(random.integer(0, 99_999_999_999_999)).padStart(14, '0')}`,
  practiceScope: (random) => random.pick(['内科专业', '外科专业', '儿科专业', '全科医学专业', '口腔专业']),
  institution: (random) =>
    random.pick(['常熟市第一人民医院', '常熟市第二人民医院', '常熟市中医院', '常熟市虞山街道社区卫生服务中心']),
  reason: () => '家庭成员因病丧失劳动能力，家庭收入低于本市最低生活保障标准，申请最低生活保障。',
  committee: (random) => `${random.pick(['书院', '枫林', '琴湖', '方塔'])}社区居民委员会`,
  onlinePlatform: (random) => random.pick(['美团外卖', '饿了么', '淘宝网']),
  unitNumber: (random) =>
    `320581${String(random.integer(1, 999_999)).padStart(6, '0')}GB${String(random.integer(1, 99_999)).padStart(5, '0')}F00010001`,
}

const NUMBERS: Record<string, [number, number]> = {
  floorArea: [1_800, 60_000],
  registeredCapital: [10, 2_000],
  capital: [1, 50],
  employees: [1, 8],
  area: [58, 180],
  monthlyIncome: [600, 2_800],
  price: [80, 420],
  subscribedCapital: [10, 500],
}

/** Form data for `form` that an applicant like `applicant` would submit on `day` (YYYY-MM-DD). */
export function buildDemoFormData(
  form: ApplicationForm,
  applicant: DemoApplicant,
  day: string,
  random: SeededRandom,
): Record<string, unknown> {
  const person = applicant.kind === 'person' ? applicant : applicant.legalRepresentative
  const dayMs = Date.parse(`${day}T00:00:00Z`)
  const dateAt = (offsetDays: number) => new Date(dayMs + offsetDays * DAY_MS).toISOString().slice(0, 10)
  const values: Record<string, unknown> = {}

  function stringFor(name: string, node: Node, parent: string | null): string {
    if (node.enum) return random.pick(node.enum)
    switch (node.format) {
      case 'id-number':
        return parent === 'safetyManagers' || parent === 'members' ? buildPerson(random).idNumber : person.idNumber
      case 'uscc':
        return name === 'designerUscc'
          ? buildUscc(random)
          : applicant.kind === 'organization'
            ? applicant.uscc
            : buildUscc(random)
      case 'mobile-phone':
      case 'phone':
        return parent === 'safetyManagers' ? buildMobileNumber(random) : applicant.phone
      case 'division-code':
        return DEMO_DIVISION_CODE
      case 'date':
        if (node['x-notBefore']) return dateAt(random.integer(400, 900))
        if (node['x-notFuture']) return dateAt(-random.integer(60, 3_000))
        return dateAt(random.integer(20, 90))
    }
    const text = TEXTS[name]
    if (text) return text(random)
    if (name === 'detail') return buildAddress(random).detail
    if (['operatorName', 'companyName', 'builder'].includes(name) || (name === 'name' && parent === 'builder'))
      return applicant.kind === 'organization'
        ? applicant.name
        : `常熟市${person.name}${random.pick(['小吃店', '便利店'])}`
    if (name === 'legalRepresentative' || name === 'contactName') return person.name
    if (name === 'name' && (parent === 'safetyManagers' || parent === 'members' || parent === 'obligors'))
      return buildPerson(random).name
    if (name === 'name' && parent === 'shareholders') return person.name
    if (name === 'name' || name === 'operatorName') return applicant.kind === 'person' ? applicant.name : person.name
    if (name === 'idNumber' && parent === 'rightHolders')
      return applicant.kind === 'organization' ? applicant.uscc : person.idNumber
    if (name === 'idNumber') return buildPerson(random).idNumber
    if (name === 'name' && parent === 'rightHolders') return applicant.name
    return `${node.title ?? name}（演示）`.slice(0, 60)
  }

  function valueFor(name: string, node: Node, parent: string | null): unknown {
    if (node.type === 'object') return objectFor(node, name)
    if (node.type === 'array') {
      if (node.items?.enum) {
        const count = Math.max(node.minItems ?? 0, 1)
        return [
          ...new Set(Array.from({ length: count + random.integer(0, 1) }, () => random.pick(node.items?.enum ?? []))),
        ]
      }
      const count = Math.max(node.minItems ?? 0, 1)
      return Array.from({ length: count }, () => valueFor(name, node.items ?? {}, name))
    }
    if (node.type === 'number' || node.type === 'integer') {
      const [low, high] = NUMBERS[name] ?? [node.minimum ?? 0, Math.min(node.maximum ?? 100, (node.minimum ?? 0) + 100)]
      const value = low + random.next() * (high - low)
      return node.type === 'integer' ? Math.round(value) : Math.round(value * 100) / 100
    }
    return stringFor(name, node, parent)
  }

  function objectFor(node: Node, parent: string | null): Record<string, unknown> {
    const result: Record<string, unknown> = {}
    const required = new Set(node.required ?? [])
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (required.has(name)) result[name] = valueFor(name, child, parent)
    }
    return result
  }

  const schema = form.schema as Node
  Object.assign(values, objectFor(schema, null))
  // Conditional blocks: fill the fields of each block whose condition the values meet.
  for (const block of schema.allOf ?? []) {
    const matches = Object.entries(block.if.properties).every(([field, rule]) => {
      const value = values[field]
      return rule.const !== undefined ? value === rule.const : (rule.enum ?? []).includes(value as string)
    })
    if (matches) Object.assign(values, objectFor(block.then, null))
  }
  return values
}
