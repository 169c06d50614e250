import type { ItemGuide, ServiceLocation } from '../catalog.schemas.js'
import {
  addMaterial,
  addNote,
  basis,
  conditional,
  conditions,
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
} from './demo-builders.js'

const MARRIAGE_OFFICE: ServiceLocation[] = [
  {
    name: '常熟市婚姻登记处',
    address: '江苏省常熟市枫林路 8 号（常熟市民政局一楼）',
    window: '结婚登记 1—4 号窗口，离婚登记 5—6 号窗口（离婚登记在独立调解室办理）',
    hours: '周一至周五 9:00—12:00，13:30—17:00；“520”“七夕”等特殊日期周末照常办理（以公告为准）',
  },
]

const MARRIAGE_REGULATION = '《婚姻登记条例》（2025 年修订）'

const couplePhoto = () =>
  material('photos', '双方近期半身免冠合影照片', {
    count: 3,
    medium: 'paper',
    specification: '2 寸，红色背景',
    notes: '可在登记处现场拍摄',
  })

/** 常熟市民政局 (婚姻登记处): marriage registration. */
export const CIVIL_MARRIAGE_ITEMS: ItemGuide[] = [
  guide({
    code: itemCode('civil', '000111001000'),
    name: '结婚登记',
    aliases: ['领结婚证', '办结婚证', '婚姻登记（结婚）', '内地居民结婚登记'],
    keywords: ['领证', '结婚', '扯证', '登记结婚', '结婚证', '领结婚证'],
    itemType: 'confirmation',
    department: 'civil',
    implementingUnit: '婚姻登记处',
    legalBasis: [
      basis(
        '《中华人民共和国民法典》',
        '第一千零四十九条',
        '要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。符合本法规定的，予以登记，发给结婚证。完成结婚登记，即确立婚姻关系。未办理结婚登记的，应当补办登记。',
      ),
      basis(
        MARRIAGE_REGULATION,
        '第五条',
        '办理结婚登记的内地居民应当出具下列证件和证明材料：（一）本人的居民身份证；（二）本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明。',
      ),
    ],
    conditions: conditions(
      '男女双方完全自愿，男年满 22 周岁、女年满 20 周岁',
      '双方均无配偶，且没有直系血亲和三代以内旁系血亲关系',
      '双方必须亲自到场，不能委托他人代办',
    ),
    materials: [
      idCard('ids', '双方居民身份证'),
      material('declaration', '双方无配偶以及与对方没有直系血亲和三代以内旁系血亲关系的签字声明', {
        notes: '在登记员面前当场签署',
      }),
      couplePhoto(),
      conditional('divorce-proof', '离婚证或人民法院生效的离婚判决书、调解书', '一方或双方曾离婚的'),
      conditional('death-proof', '原配偶死亡证明或人民法院宣告死亡的判决书', '一方或双方丧偶的', { form: 'copy' }),
      conditional(
        'hk-tw',
        '港澳居民来往内地通行证或台湾居民来往大陆通行证，及经公证的本人无配偶声明',
        '一方为港澳台居民的',
      ),
      conditional(
        'foreigner',
        '本人有效护照，及经中国驻该国使（领）馆认证（或附加证明书）的本人无配偶证明',
        '一方为外国人的',
      ),
      conditional('translation', '外文证明材料的中文译本（由有资质的翻译机构出具）', '一方为外国人的', {
        source: 'intermediary',
      }),
    ],
    timeLimit: { kind: 'instant', statutoryDays: 0, promisedDays: 0, note: '材料齐全、符合条件的当场登记发证' },
    fee: FREE,
    onlineDepth: 'online_appointment',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    locations: MARRIAGE_OFFICE,
    processSteps: [
      { name: '预约', description: '通过江苏政务服务网或“我的常熟”App 预约登记时间（可选颁证仪式）' },
      { name: '申请', description: '双方亲自到场，填写《申请结婚登记声明书》' },
      { name: '审查', description: '登记员审查证件，询问双方是否自愿结婚', days: 0 },
      { name: '登记发证', description: '双方签字、按指纹，登记员颁发结婚证', days: 0 },
    ],
    result: { kind: 'licence', name: '中华人民共和国结婚证', delivery: ['当场领取', '电子证照'] },
    subjects: ['natural_person'],
    themes: ['marriage'],
    lifeEvents: ['结婚一件事'],
    notes: '结婚登记实行“全国通办”，双方可在任一方户籍地或经常居住地登记，无需提交户口簿。',
    situations: [
      question(
        'previous',
        '双方此前的婚姻状况？（可多选，均为未婚则不选）',
        [
          option('divorced', '一方或双方曾离婚', [addMaterial('divorce-proof')]),
          option('widowed', '一方或双方丧偶', [addMaterial('death-proof')]),
        ],
        { kind: 'multiple' },
      ),
      question('nationality', '双方的身份？', [
        option('mainland', '双方均为内地居民'),
        option('hk-tw', '一方为港澳台居民', [addMaterial('hk-tw'), setPromisedDays(0)]),
        option('foreign', '一方为外国人', [
          addMaterial('foreigner'),
          addMaterial('translation'),
          addNote('涉外结婚登记须到苏州市民政局婚姻登记处办理（苏州市姑苏区），请提前预约'),
        ]),
      ]),
    ],
  }),
  guide({
    code: itemCode('civil', '000111002000'),
    name: '离婚登记',
    aliases: ['协议离婚', '办离婚证', '婚姻登记（离婚）'],
    keywords: ['离婚', '办离婚', '协议离婚', '离婚冷静期'],
    itemType: 'confirmation',
    department: 'civil',
    implementingUnit: '婚姻登记处',
    legalBasis: [
      basis(
        '《中华人民共和国民法典》',
        '第一千零七十六条',
        '夫妻双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记。离婚协议应当载明双方自愿离婚的意思表示和对子女抚养、财产以及债务处理等事项协商一致的意见。',
      ),
      basis(
        '《中华人民共和国民法典》',
        '第一千零七十七条',
        '自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。前款规定期限届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证；未申请的，视为撤回离婚登记申请。',
      ),
    ],
    conditions: conditions(
      '双方自愿离婚，对子女抚养、财产及债务处理达成一致',
      '在常熟登记结婚，或一方户籍、经常居住地在常熟',
    ),
    materials: [
      idCard('ids', '双方居民身份证'),
      material('certificate', '双方结婚证', { medium: 'paper' }),
      material('agreement', '双方共同签署的离婚协议书', { count: 3 }),
      material('photos', '双方近期 2 寸单人半身免冠照片', { count: 2, medium: 'paper' }),
    ],
    timeLimit: {
      kind: 'promised',
      statutoryDays: 60,
      promisedDays: 30,
      note: '含 30 日离婚冷静期（自然日），期满后 30 日内双方到场领证',
    },
    fee: FREE,
    onlineDepth: 'online_appointment',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 2,
    locations: MARRIAGE_OFFICE,
    processSteps: [
      { name: '申请', description: '双方亲自到场，提交离婚登记申请，领取《离婚登记申请受理回执单》' },
      { name: '冷静期', description: '30 日离婚冷静期内任何一方可撤回申请', days: 21 },
      { name: '审查登记', description: '期满后 30 日内双方到场，登记员审查并发给离婚证', days: 0 },
    ],
    result: { kind: 'licence', name: '中华人民共和国离婚证', delivery: ['当场领取'] },
    subjects: ['natural_person'],
    themes: ['marriage'],
  }),
  guide({
    code: itemCode('civil', '000111003000'),
    name: '补领婚姻登记证',
    aliases: ['补办结婚证', '结婚证补领', '离婚证补领'],
    keywords: ['结婚证丢了', '补结婚证', '离婚证丢了'],
    itemType: 'confirmation',
    department: 'civil',
    implementingUnit: '婚姻登记处',
    legalBasis: [
      basis(
        MARRIAGE_REGULATION,
        '第十七条',
        '结婚证、离婚证遗失或者损毁的，当事人可以持居民身份证向原办理婚姻登记的机关或者一方常住户口所在地的婚姻登记机关申请补领。婚姻登记机关对当事人的婚姻登记档案进行查证，确认属实的，应当为当事人补发结婚证、离婚证。',
      ),
    ],
    conditions: conditions('婚姻登记档案可查证属实'),
    materials: [
      idCard('ids', '当事人居民身份证'),
      conditional('photos', '近期 2 寸合影照片（补领结婚证的）', '补领结婚证的', { count: 3, medium: 'paper' }),
      conditional('single-photos', '近期 2 寸单人照片（补领离婚证的）', '补领离婚证的', { count: 2, medium: 'paper' }),
    ],
    timeLimit: { kind: 'instant', statutoryDays: 0, promisedDays: 0, note: '档案需异地调取的，5 个工作日内办结' },
    fee: FREE,
    onlineDepth: 'online_appointment',
    onlineUrl: JIANGSU_PORTAL,
    maxVisits: 1,
    locations: MARRIAGE_OFFICE,
    processSteps: instantSteps('补发结婚证或离婚证'),
    result: { kind: 'licence', name: '结婚证（补发）或离婚证（补发）', delivery: ['当场领取'] },
    subjects: ['natural_person'],
    themes: ['marriage'],
    situations: [
      question('which', '补领哪种证件？', [
        option('marriage', '结婚证', [addMaterial('photos'), addNote('补领结婚证的，双方须同时到场')]),
        option('divorce', '离婚证', [addMaterial('single-photos')]),
      ]),
    ],
  }),
]
