import { type Static, Type } from 'typebox'

/** The file kinds a material may be: decided from the content, never from the name. */
export const MATERIAL_KINDS = ['pdf', 'jpg', 'png', 'ofd'] as const
export type MaterialKind = (typeof MATERIAL_KINDS)[number]

const Uuid = Type.String({ format: 'uuid', description: '编号' })
const MaterialCode = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_-]+$',
  description: '材料编号（办事指南中的材料）',
})

export const CaseParams = Type.Object({ caseId: Uuid }, { additionalProperties: false })
export const MaterialParams = Type.Object({ caseId: Uuid, materialId: Uuid }, { additionalProperties: false })
export const UploadQuery = Type.Object({ materialCode: MaterialCode }, { additionalProperties: false })

export const CaseMaterial = Type.Object({
  id: Uuid,
  materialCode: Type.String({ description: '材料编号' }),
  materialName: Type.String({ description: '材料名称' }),
  fileName: Type.String({ description: '上传时的文件名' }),
  kind: Type.Union(
    MATERIAL_KINDS.map((kind) => Type.Literal(kind)),
    { description: '按内容识别的文件类型' },
  ),
  contentType: Type.String({ description: '媒体类型' }),
  size: Type.Integer({ description: '字节数' }),
  sm3: Type.String({ description: '文件的 SM3 摘要（十六进制）' }),
  uploadedAt: Type.String({ format: 'date-time', description: '上传时间' }),
  isUploadedByMe: Type.Boolean({ description: '是否本人上传' }),
  superseded: Type.Boolean({ description: '已被替换或删除（保留备查，不再属于申请）' }),
  replacedBy: Type.Union([Uuid, Type.Null()], { description: '替换它的材料' }),
})
export type CaseMaterial = Static<typeof CaseMaterial>

export const RequiredMaterial = Type.Object({
  code: Type.String({ description: '材料编号' }),
  name: Type.String({ description: '材料名称' }),
  requirement: Type.Union([Type.Literal('required'), Type.Literal('conditional')], {
    description: 'required 必要 / conditional 视情形提交（按情形回答需要）',
  }),
  isProvided: Type.Boolean({ description: '是否已上传' }),
})
export type RequiredMaterial = Static<typeof RequiredMaterial>

export const CaseMaterialList = Type.Object({
  materials: Type.Array(CaseMaterial, { description: '已上传的材料（含已替换的历史版本）' }),
  required: Type.Array(RequiredMaterial, { description: '按情形回答须提交的材料及是否已上传' }),
  totalBytes: Type.Integer({ description: '本办件已占用的存储（字节）' }),
  maxCaseBytes: Type.Integer({ description: '本办件材料合计上限（字节）' }),
  maxFileBytes: Type.Integer({ description: '单个文件上限（字节）' }),
  canChange: Type.Boolean({ description: '当前是否可以上传、替换或删除材料' }),
})
export type CaseMaterialList = Static<typeof CaseMaterialList>
