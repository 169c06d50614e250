import type { ItemGuide, ItemType, OnlineDepth, SubjectType, Theme } from '../catalog.schemas.js'
import {
  basis,
  type DemoDepartmentKey,
  delegationMaterials,
  delegationQuestion,
  deskLocations,
  guide,
  itemCode,
  material,
  option,
  question,
  standardSteps,
} from './demo-builders.js'

/*
 * Plausible filler items for the search benchmark: names built from real 政务服务 vocabulary (object + action),
 * complete guides, the demo departments. Deterministic: the same count and seed always give the same items,
 * so benchmark runs compare like with like.
 */

/** mulberry32: a tiny seeded PRNG, good enough to vary test data. */
function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return { next, pick, between }
}

type Domain = {
  department: DemoDepartmentKey
  objects: string[]
  themes: Theme[]
  law: string
  subjects: SubjectType[]
}

const DOMAINS: Domain[] = [
  {
    department: 'market',
    objects: [
      '食品小作坊',
      '食品摊贩',
      '计量器具',
      '广告发布',
      '网络交易平台',
      '农民专业合作社',
      '眼镜验配',
      '商品条码',
      '检验检测机构',
      '工业产品生产',
      '二手车经营',
      '外商投资企业分支机构',
    ],
    themes: ['operating_permit', 'establishment'],
    law: '《中华人民共和国市场主体登记管理条例》',
    subjects: ['legal_person', 'natural_person'],
  },
  {
    department: 'approval',
    objects: [
      '水路运输',
      '出租汽车经营',
      '机动车维修',
      '驾驶员培训',
      '建筑垃圾处置',
      '户外广告设施',
      '城市绿地占用',
      '古树名木移植',
      '林木采伐',
      '渔业捕捞',
      '取水',
      '河道采砂',
      '生产建设项目水土保持方案',
      '危险废物经营',
      '排污',
      '营业性演出',
      '互联网上网服务营业场所',
      '出版物零售',
      '民办幼儿园',
      '校外培训机构',
    ],
    themes: ['operating_permit', 'construction'],
    law: '《中华人民共和国行政许可法》',
    subjects: ['legal_person'],
  },
  {
    department: 'health',
    objects: [
      '医疗机构执业',
      '母婴保健技术服务',
      '职业健康检查机构',
      '消毒产品生产企业',
      '乡村医生执业',
      '中医诊所',
      '医疗美容',
      '麻醉药品购用',
      '献血证',
      '预防接种单位',
    ],
    themes: ['medical_health'],
    law: '《中华人民共和国基本医疗卫生与健康促进法》',
    subjects: ['legal_person', 'natural_person'],
  },
  {
    department: 'housing',
    objects: [
      '建筑业企业资质',
      '房地产开发企业资质',
      '物业服务',
      '城市房屋安全鉴定',
      '商品房买卖合同网签',
      '住房公积金提取',
      '既有住宅加装电梯',
      '城市道路照明设施',
      '建设工程质量检测机构',
      '燃气设施改动',
    ],
    themes: ['housing', 'construction'],
    law: '《建设工程质量管理条例》',
    subjects: ['legal_person', 'natural_person'],
  },
  {
    department: 'planning',
    objects: [
      '临时用地',
      '国有建设用地使用权',
      '集体土地所有权',
      '宅基地使用权',
      '林权',
      '海域使用权',
      '地质灾害危险性评估',
      '测绘资质',
      '建设工程竣工规划核实',
      '地名命名',
    ],
    themes: ['construction', 'housing'],
    law: '《中华人民共和国土地管理法》',
    subjects: ['legal_person', 'natural_person'],
  },
  {
    department: 'police',
    objects: [
      '户籍证明',
      '姓名变更',
      '民族成分变更',
      '出入境证件',
      '往来港澳通行证',
      '机动车登记',
      '驾驶证',
      '犬只登记',
      '剧毒化学品购买',
      '烟花爆竹运输',
      '保安服务',
      '公章刻制业',
    ],
    themes: ['identity_documents', 'household_registration', 'transport'],
    law: '《中华人民共和国户口登记条例》',
    subjects: ['natural_person'],
  },
  {
    department: 'hrss',
    objects: [
      '职业技能等级证书',
      '技能提升补贴',
      '就业见习补贴',
      '社会保险关系转移',
      '医疗保险关系转移',
      '企业年金',
      '劳动合同备案',
      '劳动争议仲裁',
      '欠薪投诉',
      '养老保险个人账户',
    ],
    themes: ['employment', 'social_security', 'human_resources'],
    law: '《中华人民共和国社会保险法》',
    subjects: ['natural_person', 'legal_person'],
  },
  {
    department: 'civil',
    objects: [
      '收养登记',
      '孤儿基本生活费',
      '困境儿童',
      '殡葬补贴',
      '墓穴',
      '民办非企业单位',
      '基金会',
      '慈善组织',
      '地名标志',
      '居家养老服务补贴',
    ],
    themes: ['social_assistance', 'birth_adoption', 'after_death', 'elderly_care'],
    law: '《社会救助暂行办法》',
    subjects: ['natural_person', 'legal_person'],
  },
]

const ACTIONS: { verb: string; type: ItemType; result: string }[] = [
  { verb: '许可', type: 'licensing', result: '许可证' },
  { verb: '核准', type: 'licensing', result: '核准文件' },
  { verb: '登记', type: 'confirmation', result: '登记证明' },
  { verb: '备案', type: 'other_power', result: '备案凭证' },
  { verb: '变更', type: 'licensing', result: '变更决定书' },
  { verb: '延续', type: 'licensing', result: '许可证' },
  { verb: '注销', type: 'licensing', result: '注销通知书' },
  { verb: '补贴申领', type: 'payment', result: '补贴发放' },
  { verb: '证明开具', type: 'public_service', result: '证明' },
  { verb: '信息查询', type: 'public_service', result: '查询结果' },
]

const DEPTHS: OnlineDepth[] = [
  'full_online',
  'full_online',
  'online_pre_review',
  'online_application',
  'online_appointment',
  'offline',
]

const MATERIAL_POOL = [
  '申请人身份证明',
  '营业执照',
  '场所使用证明',
  '相关资质证书',
  '管理制度文本',
  '设备设施清单',
  '技术人员名单及资格证明',
  '现场照片',
  '承诺书',
  '检测报告',
  '平面布局图',
  '情况说明',
]

/** `count` complete, valid, published-ready guides spread over the demo departments; same seed, same items. */
export function generateItems(count: number, seed = 20260301): ItemGuide[] {
  const random = createRandom(seed)
  const items: ItemGuide[] = []
  for (let index = 0; index < count; index++) {
    const domain = DOMAINS[index % DOMAINS.length] as Domain
    const object = random.pick(domain.objects)
    const action = random.pick(ACTIONS)
    const variant = Math.floor(index / (DOMAINS.length * 4))
    // Many real lists repeat a name per business item (业务办理项); a suffix keeps names readable and distinct.
    const suffix = variant === 0 ? '' : `（业务办理项 ${variant}）`
    const name = `${object}${action.verb}${suffix}`
    const materialCount = random.between(2, 6)
    const materials = Array.from({ length: materialCount }, (_, m) =>
      material(`m${m + 1}`, `${object}${MATERIAL_POOL[(m + index) % MATERIAL_POOL.length]}`, {
        form: random.next() < 0.3 ? 'copy' : 'original',
      }),
    )
    const hasSituations = random.next() < 0.25
    const statutoryDays = random.pick([0, 5, 10, 15, 20, 30])
    const promisedDays = statutoryDays === 0 ? 0 : random.between(1, statutoryDays)
    items.push(
      guide({
        code: itemCode(domain.department, `0002${String(index).padStart(8, '0')}`),
        name,
        aliases: [`${object}${action.verb.slice(0, 2)}`, `办理${object}`],
        keywords: [object, action.verb],
        itemType: action.type,
        department: domain.department,
        legalBasis: [
          basis(domain.law, `第${random.between(2, 60)}条`, `${object}${action.verb}依照本法有关规定办理。`),
        ],
        conditions: [{ id: 'c1', text: `申请人符合${object}${action.verb}的法定条件` }],
        materials: hasSituations ? [...materials, ...delegationMaterials()] : materials,
        timeLimit: { kind: promisedDays === 0 ? 'instant' : 'promised', statutoryDays, promisedDays },
        fee: { kind: 'free' },
        onlineDepth: random.pick(DEPTHS),
        maxVisits: random.between(0, 2),
        locations: deskLocations(domain.department),
        processSteps: standardSteps(promisedDays),
        result: { kind: action.type === 'licensing' ? 'licence' : 'document', name: `${object}${action.result}` },
        subjects: domain.subjects,
        themes: [random.pick(domain.themes)],
        situations: hasSituations
          ? [
              question('kind', '申请类型？', [option('first', '首次申请'), option('again', '再次申请')]),
              delegationQuestion(),
            ]
          : [],
      }),
    )
  }
  return items
}
