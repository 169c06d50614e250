import type { ItemGuide } from '../catalog.schemas.js'
import {
  addMaterial,
  addNote,
  applicationForm,
  basis,
  businessLicence,
  conditional,
  conditions,
  DELIVERY,
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
} from './demo-builders.js'

const REGISTRATION_REGULATION_3 = basis(
  '《中华人民共和国市场主体登记管理条例》',
  '第三条',
  '市场主体应当依照本条例办理登记。未经登记，不得以市场主体名义从事经营活动。法律、行政法规规定无需办理登记的除外。',
)

const REGISTRATION_REGULATION_19 = basis(
  '《中华人民共和国市场主体登记管理条例》',
  '第十九条',
  '登记机关应当对申请材料进行形式审查。对申请材料齐全、符合法定形式的予以确认并当场登记。不能当场登记的，应当在3个工作日内予以登记；情形复杂的，经登记机关负责人批准，可以再延长3个工作日。',
)

const REGISTRATION_TIME = {
  kind: 'instant',
  statutoryDays: 3,
  promisedDays: 0,
  note: '材料齐全、符合法定形式的当场登记',
} as const

const registrationSteps = instantSteps('核发营业执照（纸质执照和电子营业执照同步发放）')

/** 常熟市市场监督管理局: registration of businesses (市场主体登记). */
export const MARKET_REGISTRATION_ITEMS: ItemGuide[] = [
  guide({
    code: itemCode('market', '000107001000'),
    name: '个体工商户设立登记',
    aliases: ['个体户营业执照', '个体工商户注册', '个体户登记', '办个体执照'],
    keywords: ['开店', '开个小店', '小卖部', '摆摊', '办营业执照', '个体户', '开网店', '夫妻店'],
    itemType: 'licensing',
    department: 'market',
    implementingUnit: '登记注册科',
    description: '有经营能力的公民从事工商业经营，依法登记为个体工商户，领取营业执照。',
    legalBasis: [
      basis(
        '《促进个体工商户发展条例》',
        '第二条',
        '有经营能力的公民在中华人民共和国境内从事工商业经营，依法登记为个体工商户的，适用本条例。',
      ),
      REGISTRATION_REGULATION_3,
      REGISTRATION_REGULATION_19,
    ],
    conditions: conditions(
      '申请人为有经营能力的自然人，可以个人经营，也可以家庭经营',
      '名称（如有）符合企业名称登记管理有关规定，经营场所真实、合法',
      '经营范围中属于法律、行政法规规定须经批准的项目，应当在取得许可后方可开展经营',
    ),
    materials: [
      applicationForm('application', '个体工商户登记（备案）申请书'),
      idCard('operator-id', '经营者居民身份证'),
      material('premises', '经营场所使用证明（房屋产权证明或租赁协议）', {
        form: 'copy',
        notes: '江苏省实行住所（经营场所）申报承诺制，填写《住所（经营场所）申报承诺书》的可免交',
      }),
      conditional('family-proof', '家庭成员关系证明（居民户口簿或结婚证）', '以家庭形式经营的', { form: 'copy' }),
      conditional('family-ids', '参加经营的家庭成员居民身份证', '以家庭形式经营的', {
        source: 'government',
        medium: 'paper',
      }),
      conditional('online-premises', '网络经营场所（网店网址）说明', '仅通过网络开展经营活动的', {
        notes: '网络经营者可将网络经营场所作为经营场所登记',
      }),
      ...delegationMaterials(),
    ],
    timeLimit: REGISTRATION_TIME,
    fee: FREE,
    onlineDepth: 'full_online',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 0,
    processSteps: registrationSteps,
    result: { kind: 'licence', name: '营业执照（个体工商户）', delivery: [...DELIVERY] },
    subjects: ['natural_person'],
    themes: ['employment', 'establishment'],
    lifeEvents: ['开便利店', '开饭店'],
    situations: [
      question('form', '以何种形式经营？', [
        option('individual', '个人经营'),
        option('family', '家庭经营', [addMaterial('family-proof'), addMaterial('family-ids')]),
      ]),
      question('place', '经营场所是？', [
        option('physical', '实体店面或固定场所'),
        option('online', '仅网店（网络经营场所）', [addMaterial('online-premises')]),
      ]),
      question(
        'licensed',
        '经营范围是否包含需要许可的项目？（可多选）',
        [
          option('food', '餐饮、食品销售', [
            addNote('领取营业执照后，还需办理“食品经营许可证核发”（仅卖预包装食品的办理备案）'),
          ]),
          option('tobacco', '卷烟零售', [addNote('领取营业执照后，还需向常熟市烟草专卖局申请烟草专卖零售许可证')]),
          option('public-place', '理发、美容、住宿等公共场所', [
            addNote('领取营业执照后，还需办理“公共场所卫生许可证核发”'),
          ]),
        ],
        { kind: 'multiple' },
      ),
      delegationQuestion(),
    ],
  }),
  guide({
    code: itemCode('market', '000107002000'),
    name: '个体工商户变更登记',
    aliases: ['个体户变更', '个体执照变更'],
    keywords: ['个体户改名', '个体户换地址', '营业执照变更', '改经营范围'],
    itemType: 'licensing',
    department: 'market',
    implementingUnit: '登记注册科',
    legalBasis: [
      basis(
        '《中华人民共和国市场主体登记管理条例》',
        '第二十四条',
        '市场主体变更登记事项，应当自作出变更决议、决定或者法定变更事项发生之日起30日内向登记机关申请变更登记。',
      ),
    ],
    conditions: conditions('个体工商户登记事项发生变化', '变更后的登记事项符合法律法规规定'),
    materials: [
      applicationForm('application', '个体工商户变更登记（备案）申请书'),
      businessLicence('original-licence', { form: 'original', name: '营业执照正本、副本' }),
      idCard('operator-id', '经营者居民身份证'),
      conditional('new-premises', '新经营场所使用证明', '变更经营场所的', { form: 'copy' }),
      ...delegationMaterials(),
    ],
    timeLimit: REGISTRATION_TIME,
    fee: FREE,
    onlineDepth: 'full_online',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 0,
    processSteps: registrationSteps,
    result: { kind: 'licence', name: '营业执照（个体工商户）', delivery: [...DELIVERY] },
    subjects: ['natural_person'],
    themes: ['establishment'],
    situations: [
      question('what', '变更哪项内容？', [
        option('premises', '经营场所', [addMaterial('new-premises')]),
        option('other', '名称、经营范围或其他事项'),
      ]),
      delegationQuestion(),
    ],
  }),
  guide({
    code: itemCode('market', '000107003000'),
    name: '个体工商户注销登记',
    aliases: ['个体户注销', '注销营业执照'],
    keywords: ['关店', '不开了', '个体户关门', '注销执照'],
    itemType: 'licensing',
    department: 'market',
    implementingUnit: '登记注册科',
    legalBasis: [
      basis(
        '《中华人民共和国市场主体登记管理条例》',
        '第三十一条',
        '市场主体因解散、被宣告破产或者其他法定事由需要终止的，应当依法向登记机关申请注销登记。经登记机关注销登记，市场主体终止。',
      ),
    ],
    conditions: conditions('已结清税款和其他应缴费用，无未办结的行政处罚和行政许可'),
    materials: [
      applicationForm('application', '个体工商户注销登记申请书'),
      businessLicence('original-licence', { form: 'original', name: '营业执照正本、副本' }),
      idCard('operator-id', '经营者居民身份证'),
      ...delegationMaterials(),
    ],
    timeLimit: REGISTRATION_TIME,
    fee: FREE,
    onlineDepth: 'full_online',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 0,
    processSteps: instantSteps('出具准予注销登记通知书'),
    result: { kind: 'document', name: '准予注销登记通知书', delivery: ['窗口领取', '网上下载'] },
    subjects: ['natural_person'],
    themes: ['deregistration'],
    lifeEvents: ['企业注销'],
    situations: [delegationQuestion()],
  }),
]
