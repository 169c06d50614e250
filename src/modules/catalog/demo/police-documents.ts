import type { Fee, ItemGuide } from '../catalog.schemas.js'
import {
  addMaterial,
  addNote,
  applicationForm,
  basis,
  conditional,
  conditions,
  delegationMaterials,
  delegationQuestion,
  FREE,
  guide,
  idCard,
  instantSteps,
  itemCode,
  JIANGSU_PORTAL,
  material,
  option,
  question,
  setPromisedDays,
  standardSteps,
} from './demo-builders.js'

const ID_FEE_BASIS = '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）'
const idCardFee = (amountYuan: number, name: string): Fee => ({
  kind: 'charged',
  items: [{ name, amountYuan, basis: ID_FEE_BASIS }],
})

const ID_CARD_LAW_11 = basis(
  '《中华人民共和国居民身份证法》',
  '第十一条',
  '居民身份证有效期满、公民姓名变更或者证件严重损坏不能辨认的，应当换领新证；居民身份证登记项目出现错误的，公安机关应当及时更正，换发新证；领取新证时，必须交回原证。居民身份证丢失的，应当申请补领。',
)

const ID_TIME = {
  kind: 'promised',
  statutoryDays: 42,
  promisedDays: 15,
  note: '法定时限为 60 日（自然日）；可选择邮寄送达',
} as const

/** 常熟市公安局 (户政管理大队): identity documents and certificates. */
export const POLICE_DOCUMENT_ITEMS: ItemGuide[] = [
  guide({
    code: itemCode('police', '000110001000'),
    name: '居民身份证换领',
    aliases: ['身份证换领', '换身份证', '身份证到期换证', '身份证损坏换领'],
    keywords: ['身份证过期', '身份证到期', '身份证坏了', '换身份证', '身份证消磁', '身份证改名'],
    itemType: 'confirmation',
    department: 'police',
    implementingUnit: '户政管理大队',
    legalBasis: [
      ID_CARD_LAW_11,
      basis('《中华人民共和国居民身份证法》', '第八条', '居民身份证由居民常住户口所在地的县级人民政府公安机关签发。'),
    ],
    conditions: conditions(
      '居民身份证有效期满、严重损坏不能辨认，或姓名等登记项目变更、更正',
      '本人到场采集人像和指纹信息',
    ),
    materials: [
      idCard('old-id', '原居民身份证', { notes: '领取新证时交回' }),
      material('household', '居民户口簿', {
        source: 'government',
        medium: 'paper',
        notes: '本市户籍可免交，由公安机关内部核验',
      }),
      conditional('name-change', '姓名变更或登记项目更正的户口登记证明', '姓名等登记项目变更或更正的', {
        source: 'government',
      }),
      conditional('guardian-id', '监护人居民身份证和监护关系证明（户口簿）', '未满 16 周岁的'),
      conditional('residence', '居住证或在常熟的居住信息（异地受理）', '非常熟市户籍在常熟办理的', {
        source: 'government',
      }),
    ],
    timeLimit: ID_TIME,
    fee: idCardFee(20, '居民身份证工本费（换领）'),
    onlineDepth: 'online_appointment',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    processSteps: [
      {
        name: '申请',
        description: '本人携带材料到户政窗口（可网上预约），现场拍照、采集指纹，照片可使用“江苏公安”回执',
      },
      { name: '受理', description: '窗口核验身份并收取工本费', days: 0 },
      { name: '制证', description: '省公安厅统一制证', days: 13 },
      { name: '领证', description: '窗口领取或邮寄送达，交回旧证', days: 2 },
    ],
    result: { kind: 'licence', name: '中华人民共和国居民身份证', delivery: ['窗口领取', '邮寄送达'] },
    subjects: ['natural_person'],
    themes: ['identity_documents'],
    notes: '办理期间可申领临时居民身份证；乘坐火车、飞机可在车站、机场办理临时乘车（机）证明。',
    situations: [
      question('reason', '为什么需要换领？', [
        option('expired', '有效期满（或将在 3 个月内到期）'),
        option('damaged', '证件损坏、无法辨认（如芯片失效、断裂）', [
          { kind: 'set_fee', fee: idCardFee(40, '居民身份证工本费（损坏换领）') },
        ]),
        option('changed', '姓名、民族等登记项目变更或更正', [addMaterial('name-change')]),
      ]),
      question('age', '申请人年龄？', [
        option('adult', '16 周岁以上'),
        option('minor', '未满 16 周岁', [addMaterial('guardian-id'), addNote('须由监护人陪同办理')]),
      ]),
      question('registered', '户籍所在地？', [
        option('local', '常熟市户籍'),
        option('elsewhere', '外地户籍，在常熟异地办理', [
          addMaterial('residence'),
          addMaterial('household'),
          setPromisedDays(20),
          addNote('异地办理（跨省通办）的，制证时间适当延长'),
        ]),
      ]),
    ],
  }),
  guide({
    code: itemCode('police', '000110002000'),
    name: '居民身份证补领',
    aliases: ['身份证补办', '身份证丢失补领', '补身份证'],
    keywords: ['身份证丢了', '身份证掉了', '身份证被偷', '补办身份证'],
    itemType: 'confirmation',
    department: 'police',
    implementingUnit: '户政管理大队',
    legalBasis: [ID_CARD_LAW_11],
    conditions: conditions('居民身份证丢失', '本人到场采集人像和指纹信息'),
    materials: [
      material('household', '居民户口簿', { source: 'government', medium: 'paper', notes: '本市户籍可免交' }),
      conditional('guardian-id', '监护人居民身份证', '未满 16 周岁的'),
    ],
    timeLimit: ID_TIME,
    fee: idCardFee(40, '居民身份证工本费（丢失补领）'),
    onlineDepth: 'online_appointment',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    processSteps: standardSteps(13, '制证'),
    result: { kind: 'licence', name: '中华人民共和国居民身份证', delivery: ['窗口领取', '邮寄送达'] },
    subjects: ['natural_person'],
    themes: ['identity_documents'],
    situations: [
      question('age', '申请人年龄？', [
        option('adult', '16 周岁以上'),
        option('minor', '未满 16 周岁', [addMaterial('guardian-id')]),
      ]),
    ],
  }),
  guide({
    code: itemCode('police', '000110003000'),
    name: '临时居民身份证申领',
    aliases: ['临时身份证', '办临时身份证'],
    keywords: ['临时身份证', '身份证还没办好', '急用身份证'],
    itemType: 'confirmation',
    department: 'police',
    implementingUnit: '户政管理大队',
    legalBasis: [
      basis(
        '《中华人民共和国临时居民身份证管理办法》',
        '第四条',
        '居民在申请领取、换领、补领居民身份证期间，急需使用居民身份证的，可以申请领取临时居民身份证。',
      ),
    ],
    conditions: conditions('已申请领取、换领或补领居民身份证，且急需使用'),
    materials: [
      material('household', '居民户口簿', { source: 'government', medium: 'paper' }),
      material('photo', '近期一寸免冠照片', { count: 2, medium: 'paper', notes: '可现场免费拍摄' }),
    ],
    timeLimit: { kind: 'instant', statutoryDays: 3, promisedDays: 0 },
    fee: { kind: 'charged', items: [{ name: '临时居民身份证工本费', amountYuan: 10, basis: ID_FEE_BASIS }] },
    onlineDepth: 'offline',
    maxVisits: 1,
    processSteps: instantSteps('当场制发临时居民身份证'),
    result: { kind: 'licence', name: '临时居民身份证（有效期三个月）', delivery: ['窗口领取'] },
    subjects: ['natural_person'],
    themes: ['identity_documents'],
  }),
  guide({
    code: itemCode('police', '000110012000'),
    name: '居住证申领',
    aliases: ['办居住证', '江苏省居住证', '暂住证'],
    keywords: ['外地人办居住证', '暂住证', '孩子上学要居住证', '居住登记'],
    itemType: 'confirmation',
    department: 'police',
    implementingUnit: '户政管理大队',
    legalBasis: [
      basis(
        '《居住证暂行条例》',
        '第二条',
        '公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以依照本条例的规定申领居住证。',
      ),
      basis(
        '《居住证暂行条例》',
        '第九条',
        '申领居住证，应当向居住地公安派出所或者受公安机关委托的社区服务机构提交本人居民身份证、本人相片以及居住地住址、就业、就读等证明材料。',
      ),
    ],
    conditions: conditions('在常熟办理居住登记满半年', '有合法稳定就业、合法稳定住所、连续就读三者之一'),
    materials: [
      idCard('applicant-id', '本人居民身份证'),
      conditional('housing-proof', '住所证明（房屋租赁合同或不动产权证书）', '以合法稳定住所申领的', { form: 'copy' }),
      conditional('job-proof', '劳动合同或营业执照', '以合法稳定就业申领的', { form: 'copy' }),
      conditional('school-proof', '学校出具的在读证明', '以连续就读申领的'),
    ],
    timeLimit: { kind: 'promised', statutoryDays: 15, promisedDays: 7 },
    fee: FREE,
    onlineDepth: 'online_application',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    processSteps: standardSteps(6, '制发居住证'),
    result: { kind: 'licence', name: '江苏省居住证', delivery: ['派出所领取'] },
    subjects: ['natural_person'],
    themes: ['identity_documents', 'household_registration'],
    situations: [
      question('basis', '以哪种条件申领？', [
        option('housing', '合法稳定住所', [addMaterial('housing-proof')]),
        option('job', '合法稳定就业', [addMaterial('job-proof')]),
        option('school', '连续就读', [addMaterial('school-proof')]),
      ]),
    ],
  }),
  guide({
    code: itemCode('police', '000110030000'),
    name: '无犯罪记录证明开具',
    aliases: ['无犯罪证明', '无违法犯罪记录证明', '犯罪记录查询'],
    keywords: ['开无犯罪证明', '政审', '出国要无犯罪证明', '入职无犯罪记录'],
    itemType: 'public_service',
    department: 'police',
    implementingUnit: '户政管理大队',
    legalBasis: [
      basis(
        '《公安机关办理犯罪记录查询工作规定》（公通字〔2021〕19号）',
        '第二条',
        '本规定所称的犯罪记录，是指我国国家专门机关对犯罪人员情况的客观记载。个人可以向公安机关申请查询本人犯罪记录。',
      ),
    ],
    conditions: conditions('查询本人的犯罪记录（委托他人查询须提交委托书）'),
    materials: [
      applicationForm('application', '犯罪记录查询申请表'),
      idCard('applicant-id', '本人居民身份证'),
      ...delegationMaterials(),
    ],
    timeLimit: { kind: 'instant', statutoryDays: 3, promisedDays: 0, note: '网上申请的 1 个工作日内出具电子证明' },
    fee: FREE,
    onlineDepth: 'full_online',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 0,
    processSteps: instantSteps('出具《无犯罪记录证明》'),
    result: { kind: 'document', name: '无犯罪记录证明', delivery: ['窗口领取', '网上下载'] },
    subjects: ['natural_person'],
    themes: ['identity_documents', 'employment'],
    situations: [delegationQuestion()],
  }),
]
