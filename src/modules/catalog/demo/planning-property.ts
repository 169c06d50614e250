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

const REGISTRATION_BASIS = [
  basis(
    '《中华人民共和国民法典》',
    '第二百零九条',
    '不动产物权的设立、变更、转让和消灭，经依法登记，发生效力；未经登记，不发生效力，但是法律另有规定的除外。',
  ),
  basis(
    '《不动产登记暂行条例》',
    '第二十条',
    '不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续，法律另有规定的除外。',
  ),
]

const FEE_BASIS = '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）'

const residentialFee: Fee = {
  kind: 'charged',
  items: [
    { name: '不动产登记费（住宅）', amountYuan: 80, basis: FEE_BASIS },
    { name: '不动产权属证书工本费', amountYuan: 0, standard: '核发一本免收，每增加一本加收 10 元', basis: FEE_BASIS },
  ],
}

const nonResidentialFee: Fee = {
  kind: 'charged',
  items: [
    { name: '不动产登记费（非住宅）', amountYuan: 550, basis: FEE_BASIS },
    { name: '不动产权属证书工本费', amountYuan: 0, standard: '核发一本免收，每增加一本加收 10 元', basis: FEE_BASIS },
  ],
}

const PROPERTY_LOCATIONS = [
  {
    name: '常熟市不动产登记中心（政务服务中心三楼）',
    address: '江苏省常熟市海虞北路 59 号',
    window: '三楼 D 区 51—68 号窗口（不动产登记、税务、水电气联动过户“一窗受理”）',
    hours: '周一至周五 9:00—12:00，13:30—17:00；周六 9:00—12:00 延时服务',
  },
]

/** 常熟市自然资源和规划局 (不动产登记中心): registration of real property. */
export const PLANNING_PROPERTY_ITEMS: ItemGuide[] = [
  guide({
    code: itemCode('planning', '000113021000'),
    name: '国有建设用地使用权及房屋所有权登记',
    aliases: ['不动产登记', '房产证办理', '房屋过户', '二手房过户', '不动产转移登记', '房屋抵押登记', '不动产首次登记'],
    keywords: ['买房过户', '房产证', '办房产证', '二手房', '继承房子', '房子赠与', '房贷抵押', '卖房子'],
    itemType: 'confirmation',
    department: 'planning',
    implementingUnit: '不动产登记中心',
    description: '国有建设用地使用权及房屋所有权的首次登记、转移登记（买卖、继承、赠与、离婚析产等）和抵押权首次登记。',
    legalBasis: REGISTRATION_BASIS,
    conditions: conditions('不动产权属清楚，无查封、异议等限制登记情形', '申请人与登记的不动产有法律上的利害关系'),
    materials: [
      applicationForm('application', '不动产登记申请书'),
      idCard('applicant-id', '申请人身份证明（居民身份证；单位为营业执照）'),
      conditional('ownership', '不动产权属证书（不动产权证书或原房屋所有权证、国有土地使用证）', '转移或抵押登记的', {
        medium: 'paper',
      }),
      conditional('land-source', '土地权属来源证明及土地出让价款缴纳凭证', '首次登记的', { form: 'copy' }),
      conditional('completion', '建设工程竣工验收备案证明', '首次登记的', { source: 'government', form: 'copy' }),
      conditional('survey', '房屋测绘报告（不动产权籍调查成果）', '首次登记的', { source: 'intermediary' }),
      conditional('sale-contract', '不动产买卖合同（网签合同）', '因买卖转移的'),
      conditional('tax', '契税、增值税、个人所得税完税或减免税凭证', '转移登记的', {
        source: 'government',
        sourceNote: '税务窗口“一窗受理”同步办理，无需另行提交',
      }),
      conditional('death', '被继承人（遗赠人）死亡证明', '因继承、受遗赠转移的', { source: 'government' }),
      conditional(
        'inheritance',
        '继承权公证书，或全部法定继承人关于不动产分配的协议及亲属关系证明',
        '因继承、受遗赠转移的',
      ),
      conditional('gift', '赠与合同（经公证的赠与合同或赠与公证书）', '因赠与转移的'),
      conditional('divorce', '离婚协议书或人民法院生效的法律文书，及离婚证', '因离婚析产转移的', { form: 'copy' }),
      conditional('mortgage', '抵押合同及主债权合同（借款合同）', '办理抵押权登记或买房贷款的'),
      conditional('marriage', '婚姻状况证明（结婚证、离婚证或单身声明）', '个人办理转移、抵押登记的', { form: 'copy' }),
      ...delegationMaterials(),
    ],
    timeLimit: { kind: 'promised', statutoryDays: 30, promisedDays: 3, note: '转移登记、抵押登记 1 个工作日办结' },
    fee: residentialFee,
    onlineDepth: 'online_pre_review',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    locations: PROPERTY_LOCATIONS,
    processSteps: standardSteps(2, '登簿并缮证'),
    result: {
      kind: 'licence',
      name: '不动产权证书（或不动产登记证明）',
      delivery: ['窗口领取', '免费邮寄', '电子证照'],
    },
    subjects: ['natural_person', 'legal_person'],
    themes: ['housing'],
    lifeEvents: ['二手房转移登记及水电气联动过户', '身后一件事'],
    situations: [
      question('kind', '您要办理哪种登记？', [
        option('first', '首次登记（新建房屋第一次登记）', [
          addMaterial('land-source'),
          addMaterial('completion'),
          addMaterial('survey'),
        ]),
        option('transfer', '转移登记（买卖、继承、赠与、离婚析产等过户）', [
          addMaterial('ownership'),
          addMaterial('tax'),
          addMaterial('marriage'),
          setPromisedDays(1),
        ]),
        option('mortgage', '抵押权首次登记（用房子办贷款）', [
          addMaterial('ownership'),
          addMaterial('mortgage'),
          addMaterial('marriage'),
          setPromisedDays(1),
        ]),
      ]),
      question(
        'reason',
        '转移的原因是？',
        [
          option('sale', '买卖', [addMaterial('sale-contract')]),
          option('inheritance', '继承或受遗赠', [addMaterial('death'), addMaterial('inheritance')]),
          option('gift', '赠与', [addMaterial('gift')]),
          option('divorce', '离婚析产', [addMaterial('divorce')]),
        ],
        { showWhen: { questionId: 'kind', optionIds: ['transfer'] } },
      ),
      question(
        'loan',
        '买方是否办理了按揭贷款？',
        [
          option('yes', '是，同时办理抵押登记', [
            addMaterial('mortgage'),
            addNote('转移登记与抵押登记合并办理，由贷款银行工作人员陪同'),
          ]),
          option('no', '否，全款购买'),
        ],
        { showWhen: { questionId: 'reason', optionIds: ['sale'] } },
      ),
      question('usage', '房屋用途是？', [
        option('residential', '住宅'),
        option('other', '商业、办公、工业等非住宅', [{ kind: 'set_fee', fee: nonResidentialFee }]),
      ]),
      delegationQuestion(),
    ],
  }),
  guide({
    code: itemCode('planning', '000113025000'),
    name: '不动产抵押权注销登记',
    aliases: ['抵押注销', '解押', '房贷还清解押'],
    keywords: ['房贷还清了', '解除抵押', '还完贷款', '注销抵押'],
    itemType: 'confirmation',
    department: 'planning',
    implementingUnit: '不动产登记中心',
    legalBasis: [
      basis(
        '《不动产登记暂行条例实施细则》',
        '第七十四条',
        '有下列情形之一的，当事人可以持不动产登记证明、抵押权消灭的材料等必要材料，申请抵押权注销登记：（一）主债权消灭；（二）抵押权已经实现；（三）抵押权人放弃抵押权；（四）法律、行政法规规定抵押权消灭的其他情形。',
      ),
    ],
    conditions: conditions('主债权已经消灭或抵押权人同意注销'),
    materials: [
      applicationForm('application', '不动产登记申请书'),
      material('certificate', '不动产登记证明（抵押）', { medium: 'paper' }),
      material('release', '抵押权人同意注销的证明（银行出具的还款结清证明）', {
        source: 'other',
        sourceNote: '贷款银行出具',
      }),
      idCard('applicant-id', '抵押人身份证明'),
    ],
    timeLimit: { kind: 'instant', statutoryDays: 30, promisedDays: 0 },
    fee: FREE,
    onlineDepth: 'full_online',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 0,
    locations: PROPERTY_LOCATIONS,
    processSteps: instantSteps('办理注销登记'),
    result: { kind: 'other', name: '抵押权注销登记（登簿）', delivery: ['网上查询'] },
    subjects: ['natural_person', 'legal_person'],
    themes: ['housing'],
  }),
  guide({
    code: itemCode('planning', '000113030000'),
    name: '不动产登记资料查询',
    aliases: ['房产查询', '查房产', '不动产权属查询', '无房证明'],
    keywords: ['查名下房产', '开无房证明', '房产证明', '有没有房子'],
    itemType: 'public_service',
    department: 'planning',
    implementingUnit: '不动产登记中心',
    legalBasis: [
      basis(
        '《不动产登记暂行条例》',
        '第二十七条',
        '权利人、利害关系人可以依法查询、复制不动产登记资料，不动产登记机构应当提供。',
      ),
    ],
    conditions: conditions('查询人为权利人、利害关系人，或有权查询的国家机关'),
    materials: [
      applicationForm('application', '不动产登记资料查询申请书'),
      idCard('applicant-id', '查询人居民身份证'),
      conditional('interest', '存在利害关系的证明材料', '利害关系人查询的'),
      ...delegationMaterials(),
    ],
    timeLimit: { kind: 'instant', statutoryDays: 0, promisedDays: 0 },
    fee: FREE,
    onlineDepth: 'full_online',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 0,
    locations: PROPERTY_LOCATIONS,
    processSteps: instantSteps('出具查询结果证明'),
    result: { kind: 'document', name: '不动产登记信息查询结果证明', delivery: ['窗口领取', '网上下载'] },
    subjects: ['natural_person', 'legal_person'],
    themes: ['housing'],
    situations: [
      question('who', '您是？', [
        option('owner', '权利人本人（查询自己名下房产或开具无房证明）'),
        option('interested', '利害关系人', [addMaterial('interest'), setPromisedDays(1)]),
      ]),
      delegationQuestion(),
    ],
  }),
]
