import type { ItemGuide, ServiceLocation } from '../catalog.schemas.js'
import {
  addCondition,
  addMaterial,
  addNote,
  applicationForm,
  basis,
  CENTRE_HOURS,
  conditional,
  conditions,
  deskLocations,
  FREE,
  guide,
  idCard,
  itemCode,
  JIANGSU_PORTAL,
  material,
  option,
  question,
  setPromisedDays,
  standardSteps,
} from './demo-builders.js'

const TOWNSHIP: ServiceLocation = {
  name: '户籍所在地镇人民政府（街道办事处）便民服务中心',
  address: '常熟市各镇（街道）便民服务中心社会救助窗口，如虞山街道便民服务中心（常熟市书院街 88 号）',
  window: '社会救助“一门受理”窗口',
  hours: CENTRE_HOURS,
}

const ASSISTANCE_LOCATIONS = [TOWNSHIP, ...deskLocations('civil')]

const ASSISTANCE_BASIS = basis(
  '《社会救助暂行办法》',
  '第十一条',
  '申请最低生活保障，按照下列程序办理：（一）由共同生活的家庭成员向户籍所在地的乡镇人民政府、街道办事处提出书面申请；家庭成员申请有困难的，可以委托村民委员会、居民委员会代为提出申请。（二）乡镇人民政府、街道办事处应当通过入户调查、邻里访问、信函索证、群众评议、信息核查等方式，对申请人的家庭收入状况、财产状况进行调查核实……',
)

const familyMaterials = () => [
  idCard('family-ids', '共同生活家庭成员的居民身份证'),
  material('household', '居民户口簿', { source: 'government', form: 'original_and_copy' }),
  material('authorization', '家庭经济状况核对授权书', { notes: '共同生活的成年家庭成员均须签字' }),
  material('declaration', '家庭收入、财产状况申报表'),
]

/** 常熟市民政局: social assistance (社会救助), applied for at the township. */
export const CIVIL_ASSISTANCE_ITEMS: ItemGuide[] = [
  guide({
    code: itemCode('civil', '000111101000'),
    name: '最低生活保障申请',
    aliases: ['低保申请', '申请低保', '城乡低保', '最低生活保障'],
    keywords: ['低保', '吃低保', '生活困难', '家里困难', '没收入', '困难补助', '领低保'],
    itemType: 'payment',
    department: 'civil',
    implementingUnit: '社会救助科',
    legalBasis: [
      basis(
        '《社会救助暂行办法》',
        '第九条',
        '国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障。',
      ),
      ASSISTANCE_BASIS,
    ],
    conditions: conditions(
      '申请人具有常熟市户籍，以共同生活的家庭为单位申请',
      '共同生活的家庭成员月人均收入低于常熟市最低生活保障标准',
      '家庭财产状况符合常熟市规定（无机动车辆、非生活必需房产等）',
    ),
    materials: [
      applicationForm('application', '最低生活保障申请书'),
      ...familyMaterials(),
      conditional('disability', '残疾人证或重病诊断证明、病历', '家庭成员中有重残、重病人员的', { form: 'copy' }),
      conditional('student', '在校学生的就读证明', '家庭成员中有在校学生的'),
      conditional('divorce', '离婚协议或判决书（载明子女抚养关系）', '申请人离异且有未成年子女的', { form: 'copy' }),
      conditional('unemployed', '失业登记证明（就业创业证）', '家庭成员中有就业年龄段内无业人员的', {
        source: 'government',
      }),
      conditional('support', '赡养（抚养、扶养）人的收入证明', '有不共同生活的法定赡养、抚养、扶养义务人的'),
      conditional('entrust', '委托村（居）民委员会代为申请的委托书', '本人申请有困难、委托村（居）委会代办的'),
    ],
    timeLimit: {
      kind: 'promised',
      statutoryDays: 30,
      promisedDays: 20,
      note: '含入户调查、民主评议和 7 日公示；特殊困难的可简化程序，先行纳入',
    },
    fee: FREE,
    onlineDepth: 'online_application',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    locations: ASSISTANCE_LOCATIONS,
    processSteps: [
      {
        name: '申请',
        description: '向户籍所在地镇（街道）便民服务中心提交书面申请，也可通过江苏政务服务网“社会救助”网上申请',
      },
      { name: '受理', description: '镇（街道）当场受理，材料不全的一次性告知', days: 0 },
      { name: '调查核实', description: '入户调查、邻里访问、居民家庭经济状况信息核对', days: 12 },
      { name: '审核确认', description: '镇（街道）审核确认（常熟市已将审批权下放到镇），公示 7 日', days: 7 },
      { name: '发放', description: '次月起按月将低保金发放至社会保障卡或银行账户', days: 1 },
    ],
    result: { kind: 'other', name: '最低生活保障金（按月发放）及《最低生活保障证》', delivery: ['社会保障卡发放'] },
    subjects: ['natural_person'],
    themes: ['social_assistance'],
    situations: [
      question(
        'members',
        '家庭成员中是否有以下情况？（可多选）',
        [
          option('disabled', '有重度残疾或重病人员', [
            addMaterial('disability'),
            addNote('重残、重病人员可按“单人户”单独申请纳入低保'),
          ]),
          option('student', '有在校学生', [addMaterial('student')]),
          option('unemployed', '有就业年龄段内无业人员', [addMaterial('unemployed')]),
          option('divorced', '申请人离异且抚养未成年子女', [addMaterial('divorce')]),
        ],
        { kind: 'multiple' },
      ),
      question('supporters', '是否有不共同生活的子女、父母等法定赡养（抚养）人？', [
        option('yes', '有', [addMaterial('support')]),
        option('no', '没有'),
      ]),
      question('urgent', '家庭是否因突发事件、重大疾病导致生活特别困难？', [
        option('yes', '是，急需救助', [setPromisedDays(5), addNote('可先行纳入低保，后补齐审核确认手续')]),
        option('no', '否'),
      ]),
      question('entrust', '是否委托村（居）民委员会代为申请？', [
        option('self', '家庭成员本人申请'),
        option('committee', '委托村（居）委会代为申请', [addMaterial('entrust')]),
      ]),
    ],
  }),
  guide({
    code: itemCode('civil', '000111102000'),
    name: '特困人员救助供养',
    aliases: ['特困供养', '五保户', '特困人员认定', '孤寡老人供养'],
    keywords: ['五保', '孤寡老人', '无依无靠', '没人养老', '孤儿'],
    itemType: 'payment',
    department: 'civil',
    implementingUnit: '社会救助科',
    legalBasis: [
      basis(
        '《社会救助暂行办法》',
        '第十四条',
        '国家对无劳动能力、无生活来源且无法定赡养、抚养、扶养义务人，或者其法定赡养、抚养、扶养义务人无赡养、抚养、扶养能力的老年人、残疾人以及未满16周岁的未成年人，给予特困人员供养。',
      ),
    ],
    conditions: conditions(
      '无劳动能力、无生活来源、无法定赡养（抚养、扶养）义务人或义务人无履行能力',
      '具有常熟市户籍',
    ),
    materials: [
      applicationForm('application', '特困人员救助供养申请书'),
      idCard('applicant-id', '申请人居民身份证'),
      material('household', '居民户口簿', { source: 'government', form: 'original_and_copy' }),
      material('authorization', '家庭经济状况核对授权书'),
      conditional('disability', '残疾人证', '残疾人申请的', { source: 'government', form: 'copy' }),
      conditional('care-choice', '集中供养申请及供养服务机构意见', '选择到敬老院集中供养的'),
    ],
    timeLimit: { kind: 'promised', statutoryDays: 30, promisedDays: 20, note: '含 7 日公示' },
    fee: FREE,
    onlineDepth: 'online_application',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    locations: ASSISTANCE_LOCATIONS,
    processSteps: standardSteps(18, '审核确认并公示，发放《特困人员救助供养证》'),
    result: { kind: 'other', name: '特困人员救助供养金及《特困人员救助供养证》', delivery: ['社会保障卡发放'] },
    subjects: ['natural_person'],
    themes: ['social_assistance', 'elderly_care'],
    situations: [
      question('who', '申请人属于？', [
        option('elderly', '60 周岁以上老年人'),
        option('disabled', '残疾人', [addMaterial('disability')]),
        option('minor', '未满 16 周岁的未成年人', [addNote('未成年人可供养至 18 周岁；在校就读的可延长')]),
      ]),
      question('care', '希望的供养方式？', [
        option('home', '分散供养（在家）'),
        option('institution', '集中供养（入住敬老院）', [addMaterial('care-choice')]),
      ]),
    ],
  }),
  guide({
    code: itemCode('civil', '000111105000'),
    name: '临时救助',
    aliases: ['临时救助申请', '急难救助', '临时困难补助'],
    keywords: ['急用钱', '遭灾', '突然生病没钱', '临时困难', '家里出事了'],
    itemType: 'payment',
    department: 'civil',
    implementingUnit: '社会救助科',
    legalBasis: [
      basis(
        '《社会救助暂行办法》',
        '第四十七条',
        '国家对因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭，或者因生活必需支出突然增加超出家庭承受能力，导致基本生活暂时出现严重困难的最低生活保障家庭，以及遭遇其他特殊困难的家庭，给予临时救助。',
      ),
    ],
    conditions: conditions('因意外事件、突发重大疾病等导致基本生活暂时出现严重困难'),
    materials: [
      applicationForm('application', '临时救助申请书'),
      idCard('applicant-id', '申请人居民身份证'),
      material('proof', '造成困难的相关证明（医疗费用票据、事故证明等）', { form: 'copy' }),
      material('authorization', '家庭经济状况核对授权书'),
    ],
    timeLimit: { kind: 'promised', statutoryDays: 15, promisedDays: 7, note: '情况紧急的先行救助，事后补齐手续' },
    fee: FREE,
    onlineDepth: 'online_application',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    locations: ASSISTANCE_LOCATIONS,
    processSteps: standardSteps(6, '审批并发放临时救助金'),
    result: { kind: 'other', name: '临时救助金', delivery: ['银行转账'] },
    subjects: ['natural_person'],
    themes: ['social_assistance'],
    situations: [
      question('urgent', '是否情况紧急、需要立即救助？', [
        option('yes', '是', [
          setPromisedDays(1),
          addCondition('urgent', '情况紧急的，镇（街道）可先行救助，救助后 5 个工作日内补齐审核手续'),
        ]),
        option('no', '否'),
      ]),
    ],
  }),
]
