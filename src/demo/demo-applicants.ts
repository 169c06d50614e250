import { buildIdNumberCheckCharacter, buildUsccCheckCharacter } from '../modules/identity/index.js'
import { DEMO_DIVISION_CODE } from './demo-organization.js'

/*
 * Made-up applicants of the demo county for the seeded case history: Chinese names, 居民身份证号码 and 统一社会信用代码
 * of 常熟 (320581) with valid check characters, 1xx mobile numbers and addresses in the county's real townships.
 * Everything comes from one seeded random source, so the same seed gives the same people (stable screenshots).
 */

/** A small seeded generator (mulberry32): the same seed gives the same sequence on every machine. */
export function createSeededRandom(seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const integer = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T
  const chance = (share: number) => next() < share
  return { next, integer, pick, chance }
}
export type SeededRandom = ReturnType<typeof createSeededRandom>

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈顾钱陆邹'
const GIVEN_MALE = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '斌',
  '浩',
  '建华',
  '国平',
  '志刚',
  '晓东',
  '文博',
  '子轩',
  '宇航',
  '俊杰',
  '海峰',
  '立新',
  '振宇',
  '明辉',
  '家豪',
]
const GIVEN_FEMALE = [
  '芳',
  '敏',
  '静',
  '丽',
  '燕',
  '霞',
  '婷',
  '雪',
  '佳怡',
  '晓燕',
  '丽娟',
  '秀英',
  '雨涵',
  '欣怡',
  '梦瑶',
  '春梅',
  '玉兰',
  '慧敏',
  '诗琪',
  '美玲',
]

/** 常熟市's towns and sub-districts (镇、街道), with streets and neighbourhoods in each. */
const TOWNSHIPS: readonly { name: string; places: readonly string[] }[] = [
  { name: '虞山街道', places: ['书院街', '寺前街', '虞山北路', '枫林路', '海虞北路'] },
  { name: '常福街道', places: ['黄河路', '珠江路', '长江路', '福山路'] },
  { name: '琴川街道', places: ['琴川路', '方塔街', '湖苑新村', '塔前路'] },
  { name: '莫城街道', places: ['莫城路', '新颜路', '谢桥新村'] },
  { name: '碧溪街道', places: ['碧溪路', '浒浦大道', '吴市中路'] },
  { name: '东南街道', places: ['东南大道', '高新技术产业园金门路', '漕泾路'] },
  { name: '梅李镇', places: ['梅李大道', '聚沙路', '赵市路'] },
  { name: '海虞镇', places: ['海虞大道', '福山镇中心街', '周行路'] },
  { name: '古里镇', places: ['古里大道', '白茆路', '淼泉镇中心街'] },
  { name: '沙家浜镇', places: ['沙家浜大道', '唐市街', '芦荡路'] },
  { name: '支塘镇', places: ['支塘大道', '何市路', '任阳街'] },
  { name: '董浜镇', places: ['董浜大道', '徐市路', '东盾街'] },
  { name: '辛庄镇', places: ['辛庄大道', '张桥路', '卫浜街'] },
  { name: '尚湖镇', places: ['尚湖大道', '冶塘路', '王庄街'] },
]

const COMPANY_WORDS = [
  '琴川',
  '虞山',
  '尚湖',
  '昆承',
  '海虞',
  '福山',
  '梅李',
  '古里',
  '方塔',
  '沙家浜',
  '碧溪',
  '董浜',
  '红豆',
  '恒通',
  '嘉禾',
  '锦华',
  '天和',
  '华泰',
]
const COMPANY_TRADES = [
  ['纺织', '有限公司'],
  ['服装', '有限公司'],
  ['机械制造', '有限公司'],
  ['电子科技', '有限公司'],
  ['建设工程', '有限公司'],
  ['物流', '有限公司'],
  ['餐饮管理', '有限公司'],
  ['食品', '有限公司'],
  ['商贸', '有限公司'],
  ['置业', '有限公司'],
  ['医疗器械', '有限公司'],
  ['人力资源服务', '有限公司'],
] as const
const SHOPS = ['小吃店', '面馆', '便利店', '烧饼铺', '茶饮店', '糕团店', '生鲜超市', '土菜馆']

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

export type DemoApplicantPerson = {
  kind: 'person'
  name: string
  idNumber: string
  phone: string
  address: string
  isFemale: boolean
}
export type DemoApplicantCompany = {
  kind: 'organization'
  name: string
  uscc: string
  phone: string
  address: string
  legalRepresentative: DemoApplicantPerson
}
export type DemoApplicant = DemoApplicantPerson | DemoApplicantCompany

/** A mobile number in the 1xx ranges of the three carriers. */
export function buildMobileNumber(random: SeededRandom): string {
  const prefix = random.pick([
    '139',
    '138',
    '137',
    '136',
    '135',
    '150',
    '151',
    '152',
    '158',
    '159',
    '187',
    '188',
    '181',
    '189',
    '177',
    '199',
  ])
  return `${prefix}${String(random.integer(0, 99_999_999)).padStart(8, '0')}`
}

/** A street address in one of the county's towns, e.g. 常熟市梅李镇聚沙路 118 号. */
export function buildAddress(random: SeededRandom): { township: string; detail: string; full: string } {
  const township = random.pick(TOWNSHIPS)
  const place = random.pick(township.places)
  const detail = place.endsWith('新村')
    ? `${township.name}${place} ${random.integer(1, 48)} 幢 ${random.integer(1, 6)}0${random.integer(1, 4)} 室`
    : `${township.name}${place} ${random.integer(1, 388)} 号`
  return { township: township.name, detail, full: `江苏省常熟市${detail}` }
}

/** A person born in 常熟 between 1950 and 2004, with a valid GB 11643 check character. */
export function buildPerson(random: SeededRandom): DemoApplicantPerson {
  const isFemale = random.chance(0.5)
  const name = random.pick([...SURNAMES]) + random.pick(isFemale ? GIVEN_FEMALE : GIVEN_MALE)
  const birth = new Date(Date.UTC(random.integer(1950, 2004), random.integer(0, 11), random.integer(1, 28)))
  const birthText = birth.toISOString().slice(0, 10).replaceAll('-', '')
  // The 17th digit is odd for men and even for women.
  const sequence = `${String(random.integer(0, 99)).padStart(2, '0')}${isFemale ? random.pick([0, 2, 4, 6, 8]) : random.pick([1, 3, 5, 7, 9])}`
  const first17 = `${DEMO_DIVISION_CODE}${birthText}${sequence}`
  return {
    kind: 'person',
    name,
    idNumber: first17 + buildIdNumberCheckCharacter(first17),
    phone: buildMobileNumber(random),
    address: buildAddress(random).full,
    isFemale,
  }
}

/** A 统一社会信用代码 registered in 常熟: 91 (company) or 92 (个体工商户), with a valid GB 32100 check character. */
export function buildUscc(random: SeededRandom, type: '91' | '92' = '91'): string {
  let body = 'MA'
  for (let i = 0; i < 7; i++) body += random.pick([...USCC_CHARSET])
  const first17 = `${type}${DEMO_DIVISION_CODE}${body}`
  return first17 + buildUsccCheckCharacter(first17)
}

/** A company (or a shop, 个体工商户) of 常熟 with its legal representative. */
export function buildCompany(random: SeededRandom): DemoApplicantCompany {
  const legalRepresentative = buildPerson(random)
  const isShop = random.chance(0.25)
  const name = isShop
    ? `常熟市${random.pick(COMPANY_WORDS)}${legalRepresentative.name.slice(1)}${random.pick(SHOPS)}`
    : (() => {
        const [trade, form] = random.pick(COMPANY_TRADES)
        return `常熟市${random.pick(COMPANY_WORDS)}${trade}${form}`
      })()
  return {
    kind: 'organization',
    name,
    uscc: buildUscc(random, isShop ? '92' : '91'),
    phone: buildMobileNumber(random),
    address: buildAddress(random).full,
    legalRepresentative,
  }
}
