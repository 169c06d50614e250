import type { ItemGuide } from '../catalog.schemas.js'
import {
  addMaterial,
  addNote,
  applicationForm,
  basis,
  conditional,
  conditions,
  FREE,
  guide,
  idCard,
  itemCode,
  JIANGSU_PORTAL,
  material,
  option,
  question,
} from './demo-builders.js'

/** 常熟市政务服务管理办公室: the centre's own services (life-event bundles, assisted service). */
export const CENTRE_ITEMS: ItemGuide[] = [
  guide({
    code: itemCode('centre', '000199001000'),
    name: '企业开办“一件事”',
    aliases: ['企业开办一件事', '开办企业一网通办', '企业开办全链通'],
    keywords: ['开公司', '办执照刻章开户', '新办企业', '开办企业', '刻公章', '领发票'],
    itemType: 'public_service',
    department: 'centre',
    implementingUnit: '企业服务科',
    description:
      '营业执照、公章刻制、涉税事项、社保登记、公积金开户和银行预约开户“一表填报、一次办成”，0.5 个工作日办结。',
    legalBasis: [
      basis(
        '《优化营商环境条例》',
        '第十九条',
        '国家持续放宽市场准入，并实行全国统一的市场准入负面清单制度。……国家推进“证照分离”改革，持续精简涉企经营许可事项。',
      ),
      basis(
        '《国务院关于加快推进政务服务标准化规范化便利化的指导意见》（国发〔2022〕5号）',
        '（三）',
        '推进高频政务服务事项“一件事一次办”。',
      ),
    ],
    conditions: conditions('符合企业设立登记条件'),
    materials: [
      applicationForm('merged-form', '企业开办“一件事”一表填报（网上填写）', { medium: 'electronic' }),
      material('articles', '公司章程', { medium: 'electronic' }),
      idCard('officer-ids', '股东、法定代表人、董事、监事和经理的身份证明'),
      conditional('seal', '自备印章刻制需求（印章种类和数量）', '需要刻制公章、财务章、发票专用章的', {
        medium: 'electronic',
      }),
      conditional('bank', '银行开户预约信息', '需要同步预约银行基本账户的', { medium: 'electronic' }),
    ],
    timeLimit: { kind: 'promised', statutoryDays: 3, promisedDays: 1, note: '全流程 0.5 个工作日办结' },
    fee: FREE,
    onlineDepth: 'full_online',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 0,
    processSteps: [
      { name: '一表填报', description: '在江苏政务服务网“企业开办全链通”平台一次填报' },
      { name: '并联办理', description: '市场监管、公安、税务、人社、公积金、银行同步办理', days: 0 },
      { name: '一窗发放', description: '企业开办大礼包（营业执照、免费印章、税务 Ukey）免费寄递或窗口领取', days: 1 },
    ],
    result: { kind: 'other', name: '营业执照、印章、税务 Ukey 等“企业开办大礼包”', delivery: ['免费邮寄', '窗口领取'] },
    subjects: ['natural_person', 'legal_person'],
    themes: ['establishment'],
    lifeEvents: ['开办企业'],
    situations: [
      question(
        'extras',
        '需要同步办理哪些事项？（可多选）',
        [
          option('seal', '刻制印章（首套免费）', [addMaterial('seal')]),
          option('bank', '预约银行开户', [addMaterial('bank')]),
          option('staff', '员工参保登记和公积金开户', [addNote('请在一表填报时填写拟参保员工信息')]),
        ],
        { kind: 'multiple' },
      ),
    ],
  }),
  guide({
    code: itemCode('centre', '000199005000'),
    name: '帮办代办服务申请',
    aliases: ['帮办代办', '代办服务', '免费代办'],
    keywords: ['不会办', '老人办事', '帮我办', '代办', '项目代办', '找人帮忙'],
    itemType: 'public_service',
    department: 'centre',
    implementingUnit: '帮办代办服务中心',
    description: '为老年人、残疾人等特殊群体和重大投资项目提供免费帮办代办服务。',
    legalBasis: [
      basis(
        '《江苏省优化营商环境条例》',
        undefined,
        '政务服务机构应当为企业和群众提供帮办代办服务，为老年人、残疾人等特殊群体提供便利。',
      ),
    ],
    conditions: conditions('老年人、残疾人等行动不便的群众，或在常熟投资的重大项目'),
    materials: [
      applicationForm('application', '帮办代办服务申请表'),
      idCard('applicant-id', '申请人居民身份证'),
      conditional('project', '项目基本情况说明', '申请投资项目全程代办的'),
    ],
    timeLimit: { kind: 'instant', statutoryDays: 0, promisedDays: 0, note: '受理后即指派帮办员' },
    fee: FREE,
    onlineDepth: 'online_application',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 0,
    processSteps: [
      { name: '申请', description: '电话、网上或到 0 号窗口提出申请' },
      { name: '指派', description: '当场指派帮办员，约定服务方式（上门、陪同或全程代办）', days: 0 },
      { name: '服务', description: '帮办员协助办理并跟踪至办结' },
    ],
    result: { kind: 'other', name: '帮办代办服务', delivery: ['上门服务', '窗口服务'] },
    subjects: ['natural_person', 'legal_person'],
    themes: ['elderly_care', 'construction'],
    situations: [
      question('who', '您需要哪类帮办？', [
        option('person', '老年人、残疾人等个人办事', [addNote('可预约上门服务，帮办员将电话联系您')]),
        option('project', '投资项目全程代办', [addMaterial('project')]),
      ]),
    ],
  }),
]
