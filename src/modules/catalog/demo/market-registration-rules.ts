import { basis, instantSteps } from './demo-builders.js'

// The legal basis, time limit and steps every 市场主体登记 item shares (registration and enterprise files).

export const REGISTRATION_REGULATION_3 = basis(
  '《中华人民共和国市场主体登记管理条例》',
  '第三条',
  '市场主体应当依照本条例办理登记。未经登记，不得以市场主体名义从事经营活动。法律、行政法规规定无需办理登记的除外。',
)

export const REGISTRATION_REGULATION_19 = basis(
  '《中华人民共和国市场主体登记管理条例》',
  '第十九条',
  '登记机关应当对申请材料进行形式审查。对申请材料齐全、符合法定形式的予以确认并当场登记。不能当场登记的，应当在3个工作日内予以登记；情形复杂的，经登记机关负责人批准，可以再延长3个工作日。',
)

export const REGISTRATION_TIME = {
  kind: 'instant',
  statutoryDays: 3,
  promisedDays: 0,
  note: '材料齐全、符合法定形式的当场登记',
} as const

export const registrationSteps = instantSteps('核发营业执照（纸质执照和电子营业执照同步发放）')
