import type { ItemGuide } from '../catalog.schemas.js'

/**
 * Blank application forms (空白表格) and filled samples (示例样表) for the most used demo items. The PDFs are
 * static assets of the portal (src/web/public/forms, built by `npx tsx src/modules/catalog/demo/build-demo-forms.ts`),
 * so the demo guide pages offer real downloads without an upload step.
 */
export type DemoForm = {
  itemName: string
  materialId: string
  /** ASCII file stem under /forms/: `<stem>.pdf` is the blank form, `<stem>-sample.pdf` the sample. */
  stem: string
  title: string
  /** Field label and the sample's value (made-up people and places of the demo county). */
  fields: [string, string][]
}

export const DEMO_FORMS: DemoForm[] = [
  {
    itemName: '食品经营许可证核发',
    materialId: 'application-new',
    stem: 'food-licence-application',
    title: '食品经营许可申请书',
    fields: [
      ['经营者名称', '常熟市虞山晓梅小吃店'],
      ['统一社会信用代码', '92320581MA2N7C3L0X'],
      ['法定代表人（负责人）', '孙晓梅'],
      ['经营场所', '常熟市虞山街道书院街 126 号'],
      ['主体业态', '餐饮服务经营者（小型餐馆）'],
      ['经营项目', '热食类食品制售；冷食类食品制售'],
      ['食品安全管理人员', '孙晓梅'],
      ['联系电话', '138 **** 6637'],
    ],
  },
  {
    itemName: '个体工商户设立登记',
    materialId: 'application',
    stem: 'individual-business-application',
    title: '个体工商户登记（备案）申请书',
    fields: [
      ['名称', '常熟市虞山晓梅小吃店'],
      ['经营者姓名', '孙晓梅'],
      ['组成形式', '个人经营'],
      ['经营场所', '常熟市虞山街道书院街 126 号'],
      ['经营范围', '餐饮服务；食品销售（仅销售预包装食品）'],
      ['从业人数', '3'],
      ['资金数额（万元）', '10'],
      ['联系电话', '138 **** 6637'],
    ],
  },
  {
    itemName: '企业设立登记',
    materialId: 'application',
    stem: 'company-registration-application',
    title: '公司登记（备案）申请书',
    fields: [
      ['名称', '常熟市琴川纺织有限公司'],
      ['住所', '常熟市琴川街道黄河路 18 号'],
      ['法定代表人', '周建国'],
      ['注册资本（万元）', '500'],
      ['公司类型', '有限责任公司（自然人投资或控股）'],
      ['经营范围', '纺织品生产、销售；货物进出口'],
      ['营业期限', '长期'],
      ['联系电话', '159 **** 3214'],
    ],
  },
  {
    itemName: '最低生活保障申请',
    materialId: 'application',
    stem: 'minimum-living-allowance-application',
    title: '最低生活保障申请书',
    fields: [
      ['申请人姓名', '张秀英'],
      ['户籍地址', '常熟市碧溪街道浒浦村 6 组'],
      ['共同生活家庭成员人数', '2'],
      ['家庭月总收入（元）', '1,200'],
      ['申请理由', '本人患慢性病无劳动能力，配偶年老体弱，家庭收入低于常熟市低保标准'],
      ['是否委托村（居）委会代办', '否'],
      ['联系电话', '139 **** 0516'],
    ],
  },
  {
    itemName: '国有建设用地使用权及房屋所有权登记',
    materialId: 'application',
    stem: 'real-property-registration-application',
    title: '不动产登记申请书',
    fields: [
      ['登记类型', '转移登记（买卖）'],
      ['不动产坐落', '常熟市琴川街道海虞北路 1 号 2 幢 503 室'],
      ['不动产单元号', '320581 001001 GB00001 F00020503'],
      ['权利人（申请人）', '高雅婷'],
      ['义务人', '周建国'],
      ['用途', '住宅'],
      ['面积（平方米）', '89.36'],
      ['联系电话', '189 **** 7720'],
    ],
  },
  {
    itemName: '建设工程规划许可证核发',
    materialId: 'application',
    stem: 'construction-planning-permit-application',
    title: '建设工程规划许可证申请表',
    fields: [
      ['建设单位', '常熟市琴川纺织有限公司'],
      ['项目名称', '年产 500 万米高档面料技改项目 3 号厂房'],
      ['建设位置', '常熟经济技术开发区黄河路 18 号'],
      ['建设规模（平方米）', '12,600'],
      ['用地证明文件', '苏（2026）常熟市不动产权第 8012345 号'],
      ['设计单位', '常熟市建筑设计研究院有限公司'],
      ['联系人及电话', '周建国 159 **** 3214'],
    ],
  },
  {
    itemName: '医师执业注册',
    materialId: 'application',
    stem: 'physician-registration-application',
    title: '医师执业注册申请审核表',
    fields: [
      ['姓名', '陈晓东'],
      ['医师资格证书编码', '202632110320581199001011234'],
      ['执业类别', '临床'],
      ['执业范围', '内科专业'],
      ['拟执业机构', '常熟市第一人民医院'],
      ['申请类型', '首次注册'],
      ['联系电话', '137 **** 2208'],
    ],
  },
  {
    itemName: '社会保障卡申领',
    materialId: 'application',
    stem: 'social-security-card-application',
    title: '社会保障卡申领登记表',
    fields: [
      ['姓名', '高雅婷'],
      ['证件类型', '居民身份证'],
      ['申领类型', '首次申领'],
      ['合作银行', '常熟农商银行'],
      ['通讯地址', '常熟市琴川街道海虞北路 1 号'],
      ['联系电话', '189 **** 7720'],
    ],
  },
]

const formUrl = (stem: string, isSample: boolean) => `/forms/${stem}${isSample ? '-sample' : ''}.pdf`

/** The guides with blank forms and samples attached to the materials listed in DEMO_FORMS. */
export function withDemoForms(items: ItemGuide[]): ItemGuide[] {
  return items.map((item) => {
    const forms = DEMO_FORMS.filter((form) => form.itemName === item.name)
    if (forms.length === 0) return item
    return {
      ...item,
      materials: item.materials.map((material) => {
        const form = forms.find((candidate) => candidate.materialId === material.id)
        if (!form) return material
        return {
          ...material,
          blankForm: { fileName: `${form.title}（空白表格）.pdf`, url: formUrl(form.stem, false) },
          sample: { fileName: `${form.title}（示例样表）.pdf`, url: formUrl(form.stem, true) },
        }
      }),
    }
  })
}
