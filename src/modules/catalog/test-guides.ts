import type { ItemGuide, Material, SituationQuestion } from './catalog.schemas.js'

/** Test builders: a small but complete guide, and materials/questions with sensible defaults. */
export function givenMaterial(id: string, name: string, extra: Partial<Material> = {}): Material {
  return {
    id,
    name,
    source: 'applicant',
    form: 'original',
    count: 1,
    medium: 'paper_or_electronic',
    requirement: 'required',
    ...extra,
  }
}

export function conditionalMaterial(id: string, name: string, condition: string): Material {
  return givenMaterial(id, name, { requirement: 'conditional', condition })
}

export function givenQuestion(question: Partial<SituationQuestion> & Pick<SituationQuestion, 'id' | 'options'>) {
  return { text: `问题 ${question.id}`, kind: 'single', ...question } as SituationQuestion
}

/** 食品经营许可证核发 for 市场监督管理局 (320581-SCJG), with a new/change situation tree. */
export function guideWith(overrides: Partial<ItemGuide> = {}): ItemGuide {
  return {
    code: '11320581MB0000001X400011700200001',
    name: '食品经营许可证核发',
    aliases: ['餐饮服务许可证', '食品经营许可'],
    itemType: 'licensing',
    departmentCode: '320581-SCJG',
    implementingUnit: '食品经营监管科',
    divisionCode: '320581',
    legalBasis: [
      {
        title: '《中华人民共和国食品安全法》',
        article: '第三十五条',
        text: '国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。',
      },
    ],
    conditions: [{ id: 'c1', text: '具有与经营的食品品种、数量相适应的经营场所' }],
    materials: [
      givenMaterial('m1', '食品经营许可申请书'),
      givenMaterial('m2', '营业执照', { form: 'copy' }),
      givenMaterial('m3', '经营场所平面布局图'),
      conditionalMaterial('m4', '授权委托书', '委托他人办理的'),
      conditionalMaterial('m5', '受托人身份证件', '委托他人办理的'),
      conditionalMaterial('m6', '原食品经营许可证', '申请变更的'),
    ],
    timeLimit: { kind: 'promised', statutoryDays: 20, promisedDays: 5 },
    fee: { kind: 'free' },
    onlineDepth: 'full_online',
    maxVisits: 0,
    locations: [
      { name: '常熟市政务服务中心', address: '常熟市海虞北路 59 号', window: 'A 区 5 号窗口', hours: '工作日' },
    ],
    consultationPhone: '0512-52162315',
    complaintPhone: '12345',
    processSteps: [{ name: '申请' }, { name: '受理' }, { name: '审查' }, { name: '决定' }],
    result: { kind: 'licence', name: '食品经营许可证' },
    subjects: ['legal_person', 'natural_person'],
    themes: ['operating_permit'],
    lifeEvents: ['开餐馆'],
    keywords: ['餐馆', '饭店', '小吃店'],
    situations: [
      givenQuestion({
        id: 'kind',
        text: '您申请的是？',
        options: [
          { id: 'new', label: '首次申请', effects: [] },
          {
            id: 'change',
            label: '许可变更',
            effects: [
              { kind: 'add_material', materialId: 'm6' },
              { kind: 'remove_material', materialId: 'm3' },
              { kind: 'set_time_limit', promisedDays: 3 },
            ],
          },
        ],
      }),
      givenQuestion({
        id: 'changes',
        text: '变更哪些事项？',
        kind: 'multiple',
        showWhen: { questionId: 'kind', optionIds: ['change'] },
        options: [
          { id: 'name', label: '名称', effects: [] },
          { id: 'address', label: '经营场所', effects: [{ kind: 'add_material', materialId: 'm3' }] },
        ],
      }),
      givenQuestion({
        id: 'agent',
        text: '是否委托他人办理？',
        options: [
          {
            id: 'yes',
            label: '是',
            effects: [
              { kind: 'add_material', materialId: 'm4' },
              { kind: 'add_material', materialId: 'm5' },
            ],
          },
          { id: 'no', label: '否', effects: [] },
        ],
      }),
    ],
    ...overrides,
  }
}
