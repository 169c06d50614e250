import type { ApplicationForm } from '../../catalog/index.js'
import { buildForm, kit } from './field-kit.js'

/*
 * The demo county's online application forms, field for field the paper forms the guides offer for download
 * (src/web/public/forms/*.pdf), built from the field kit. Keyed by item name; the demo seeding attaches each to
 * the item with that name.
 */

const FOOD_LICENCE = buildForm(
  {
    operatorName: kit.companyName('经营者名称', { prefill: 'company.name', help: '与营业执照上的名称一致' }),
    uscc: kit.uscc('统一社会信用代码', { prefill: 'company.uscc' }),
    legalRepresentative: kit.personName('法定代表人（负责人）', { prefill: 'company.legalRepresentative' }),
    representativeIdNumber: kit.idNumber('法定代表人（负责人）居民身份证号码', { prefill: 'applicant.idNumber' }),
    residence: kit.address('住所', { prefill: 'company.address' }),
    premises: kit.address('经营场所'),
    businessType: kit.choice('主体业态', [
      '食品销售经营者（食品贸易商）',
      '食品销售经营者（食品零售商）',
      '餐饮服务经营者（大型餐馆）',
      '餐饮服务经营者（中型餐馆）',
      '餐饮服务经营者（小型餐馆）',
      '餐饮服务经营者（饮品店）',
      '餐饮服务经营者（糕点店）',
      '单位食堂',
    ]),
    businessItems: kit.choices('经营项目', [
      '预包装食品销售（含冷藏冷冻食品）',
      '散装食品销售（含冷藏冷冻食品）',
      '热食类食品制售',
      '冷食类食品制售',
      '生食类食品制售',
      '半成品制售',
      '自制饮品制售',
    ]),
    sellsOnline: kit.yesNo('是否通过网络经营'),
    safetyManagers: kit.repeat(
      '食品安全管理人员',
      {
        name: kit.personName(),
        idNumber: kit.idNumber(),
        phone: kit.mobilePhone(),
      },
      { minItems: 1, maxItems: 10, addButtonText: '添加一名管理人员' },
    ),
    contactPhone: kit.phone('联系电话', { prefill: 'contact.phone' }),
  },
  [
    {
      when: { field: 'sellsOnline', equals: '是' },
      fields: {
        onlinePlatform: kit.text('网络经营平台或网站名称', { maxLength: 100 }),
        onlineAddress: kit.text('网店或网站网址', { maxLength: 300, required: false }),
      },
    },
  ],
)

const INDIVIDUAL_BUSINESS = buildForm({
  businessName: kit.text('名称', { help: '如“常熟市虞山晓梅小吃店”；可不起字号', required: false }),
  operatorName: kit.personName('经营者姓名', { prefill: 'applicant.name' }),
  operatorIdNumber: kit.idNumber('经营者居民身份证号码', { prefill: 'applicant.idNumber' }),
  organizationForm: kit.choice('组成形式', ['个人经营', '家庭经营'], { radio: true }),
  premises: kit.address('经营场所', { prefill: 'applicant.address' }),
  businessScope: kit.textarea('经营范围', { maxLength: 500 }),
  employees: kit.number('从业人数', { integer: true, minimum: 1, maximum: 999 }),
  capital: kit.number('资金数额（万元）', { minimum: 0, maximum: 100000 }),
  phone: kit.mobilePhone('联系电话', { prefill: 'applicant.phone' }),
})

const COMPANY_REGISTRATION = buildForm(
  {
    companyName: kit.companyName('名称', { help: '已通过名称自主申报的名称' }),
    residence: kit.address('住所'),
    legalRepresentative: kit.person('法定代表人', { prefillApplicant: true }),
    registeredCapital: kit.number('注册资本（万元）', { minimum: 0.01, maximum: 10000000 }),
    companyType: kit.choice('公司类型', [
      '有限责任公司（自然人独资）',
      '有限责任公司（自然人投资或控股）',
      '有限责任公司（非自然人投资或控股的法人独资）',
      '股份有限公司（非上市）',
    ]),
    businessScope: kit.textarea('经营范围', { maxLength: 2000 }),
    termKind: kit.choice('营业期限', ['长期', '固定期限'], { radio: true }),
    shareholders: kit.repeat(
      '股东（发起人）',
      {
        name: kit.text('股东名称或姓名', { maxLength: 100 }),
        idKind: kit.choice('证件类型', ['居民身份证', '统一社会信用代码'], { radio: true }),
        subscribedCapital: kit.number('认缴出资额（万元）', { minimum: 0.01 }),
      },
      { minItems: 1, maxItems: 50, addButtonText: '添加一名股东' },
    ),
    contactPhone: kit.phone('联系电话', { prefill: 'contact.phone' }),
  },
  [
    {
      when: { field: 'termKind', equals: '固定期限' },
      fields: { termYears: kit.number('营业期限（年）', { integer: true, minimum: 1, maximum: 50 }) },
    },
  ],
)

const MINIMUM_LIVING_ALLOWANCE = buildForm(
  {
    applicant: kit.person('申请人', { prefillApplicant: true }),
    registeredAddress: kit.address('户籍地址', { prefill: 'applicant.address' }),
    members: kit.repeat(
      '共同生活家庭成员',
      {
        name: kit.personName(),
        idNumber: kit.idNumber(),
        relation: kit.choice('与申请人关系', [
          '配偶',
          '子女',
          '父母',
          '祖父母、外祖父母',
          '孙子女、外孙子女',
          '兄弟姐妹',
          '其他',
        ]),
        monthlyIncome: kit.number('月收入（元）', { maximum: 1000000 }),
      },
      { minItems: 0, maxItems: 20, addButtonText: '添加一名家庭成员', required: false },
    ),
    monthlyIncome: kit.number('家庭月总收入（元）', { maximum: 1000000 }),
    reason: kit.textarea('申请理由', { maxLength: 1000 }),
    delegated: kit.yesNo('是否委托村（居）委会代办'),
  },
  [
    {
      when: { field: 'delegated', equals: '是' },
      fields: { committee: kit.text('代办的村（居）委会名称', { maxLength: 100 }) },
    },
  ],
)

const REAL_PROPERTY_REGISTRATION = buildForm(
  {
    registrationType: kit.choice('登记类型', [
      '首次登记',
      '转移登记（买卖）',
      '转移登记（继承、受遗赠）',
      '变更登记',
      '注销登记',
    ]),
    location: kit.address('不动产坐落'),
    unitNumber: kit.text('不动产单元号', { maxLength: 40, required: false, help: '见原不动产权证书；首次登记可不填' }),
    rightHolders: kit.repeat(
      '权利人（申请人）',
      {
        name: kit.text('姓名或名称', { maxLength: 100 }),
        idNumber: kit.text('证件号码', { maxLength: 30 }),
        phone: kit.phone(),
      },
      { minItems: 1, maxItems: 10, addButtonText: '添加一名权利人' },
    ),
    use: kit.choice('用途', ['住宅', '商业', '办公', '工业', '其他']),
    area: kit.number('面积（平方米）', { minimum: 0.01, maximum: 1000000 }),
    contractDate: kit.date('合同签订日期', { notFuture: true, required: false }),
  },
  [
    {
      when: { field: 'registrationType', equals: '转移登记（买卖）' },
      fields: {
        obligors: kit.repeat(
          '义务人（出卖人）',
          { name: kit.text('姓名或名称', { maxLength: 100 }), idNumber: kit.text('证件号码', { maxLength: 30 }) },
          { minItems: 1, maxItems: 10, addButtonText: '添加一名义务人' },
        ),
        price: kit.number('成交价格（万元）', { minimum: 0 }),
      },
    },
  ],
)

const CONSTRUCTION_PLANNING_PERMIT = buildForm({
  builder: kit.company('建设单位', { prefillApplicant: true }),
  projectName: kit.text('项目名称', { maxLength: 200 }),
  location: kit.address('建设位置'),
  floorArea: kit.number('建设规模（总建筑面积，平方米）', { minimum: 1, maximum: 10000000 }),
  landCertificate: kit.text('用地证明文件（不动产权证号或用地批准书号）', { maxLength: 100 }),
  designer: kit.companyName('设计单位'),
  designerUscc: kit.uscc('设计单位统一社会信用代码'),
  plannedStart: kit.date('计划开工日期'),
  plannedCompletion: kit.date('计划竣工日期', { notBefore: 'plannedStart' }),
  contactName: kit.personName('联系人', { prefill: 'contact.name' }),
  contactPhone: kit.phone('联系电话', { prefill: 'contact.phone' }),
})

const PHYSICIAN_REGISTRATION = buildForm({
  physician: kit.person('申请人', { prefillApplicant: true }),
  qualificationNumber: kit.text('医师资格证书编码', { maxLength: 30 }),
  practiceCategory: kit.choice('执业类别', ['临床', '中医', '口腔', '公共卫生'], { radio: true }),
  practiceScope: kit.text('执业范围', { maxLength: 100, help: '如：内科专业' }),
  institution: kit.companyName('拟执业机构'),
  applicationType: kit.choice('申请类型', ['首次注册', '重新注册'], { radio: true }),
  qualifiedOn: kit.date('取得医师资格日期', { notFuture: true }),
})

const SOCIAL_SECURITY_CARD = buildForm(
  {
    name: kit.personName('姓名', { prefill: 'applicant.name' }),
    idNumber: kit.idNumber('居民身份证号码', { prefill: 'applicant.idNumber' }),
    applicationKind: kit.choice('申领类型', ['首次申领', '补领', '换领'], { radio: true }),
    bank: kit.choice('合作银行', ['常熟农商银行', '中国工商银行', '中国农业银行', '中国银行', '中国建设银行']),
    mailingAddress: kit.address('通讯地址', { prefill: 'applicant.address' }),
    phone: kit.mobilePhone('联系电话', { prefill: 'applicant.phone' }),
  },
  [
    {
      when: { field: 'applicationKind', equals: '补领' },
      fields: { lossDate: kit.date('挂失日期', { notFuture: true }) },
    },
  ],
)

/** Application forms of the demo items that are applied for online, by item name. */
export const DEMO_APPLICATION_FORMS: Readonly<Record<string, ApplicationForm>> = {
  食品经营许可证核发: FOOD_LICENCE,
  个体工商户设立登记: INDIVIDUAL_BUSINESS,
  企业设立登记: COMPANY_REGISTRATION,
  最低生活保障申请: MINIMUM_LIVING_ALLOWANCE,
  国有建设用地使用权及房屋所有权登记: REAL_PROPERTY_REGISTRATION,
  建设工程规划许可证核发: CONSTRUCTION_PLANNING_PERMIT,
  医师执业注册: PHYSICIAN_REGISTRATION,
  社会保障卡申领: SOCIAL_SECURITY_CARD,
}
