import Form from '@rjsf/antd'
import { type ErrorSchema, ErrorSchemaBuilder, type RJSFSchema, TranslatableString, type UiSchema } from '@rjsf/utils'
import { Form as AntForm, Button } from 'antd'
import 'dayjs/locale/zh-cn'
import { type ReactNode, useMemo } from 'react'
import { findIdNumberProblem, findUsccProblem } from '../../../identity/web/index.js'
import type { IdentityChecks } from '../../application-form/form-formats.js'
import type { ApplicationFormDefinition } from '../../application-form/form-schema.js'
import type { FormProblem } from '../../application-form/form-validation.js'
import { buildFieldKitWidgets } from './FieldKitWidgets.js'
import { createKitValidator } from './form-validator.js'
import './application-form.css'

/** The browser's GB 11643 / GB 32100 checks (identity's web rules, the same standards the server applies). */
const BROWSER_CHECKS: IdentityChecks = {
  findIdNumberProblem,
  isValidUscc: (uscc) => findUsccProblem(uscc.trim().toUpperCase()) === undefined,
}
const validator = createKitValidator(BROWSER_CHECKS)
const widgets = buildFieldKitWidgets(BROWSER_CHECKS)

// rjsf's own words (buttons, yes/no, empty lists) in plain Chinese.
const ZH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '第 %1 项',
  [TranslatableString.EmptyArray]: '还没有内容，请点击下方按钮添加',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: '需要修改的地方',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一行',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.NowLabel]: '现在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.AriaDateLabel]: '选择日期',
  [TranslatableString.PreviewLabel]: '预览',
  [TranslatableString.ClearButton]: '清除',
  [TranslatableString.OptionPrefix]: '选项 %1',
  [TranslatableString.MissingItems]: '列表未定义',
  [TranslatableString.UnsupportedField]: '暂不支持此字段',
}

function translate(text: TranslatableString, params?: string[]): string {
  const template = ZH[text] ?? text
  return (params ?? []).reduce((result, param, index) => result.replace(`%${index + 1}`, param), template as string)
}

/** Server problems (FormProblem[] from a 400) shown on their fields. */
function toErrorSchema(problems: readonly FormProblem[] | undefined): ErrorSchema | undefined {
  if (!problems?.length) return undefined
  const builder = new ErrorSchemaBuilder()
  for (const problem of problems) {
    const path = problem.path.split('/').slice(1)
    builder.addErrors(problem.message.replace(/^“[^”]*”/, ''), path.length > 0 ? path : undefined)
  }
  return builder.ErrorSchema as ErrorSchema
}

export type ApplicationFormProps = {
  form: ApplicationFormDefinition
  value?: Record<string, unknown>
  onChange?: (value: Record<string, unknown>) => void
  /** Called with the data, hidden conditional values left out, once the browser's checks pass. */
  onSubmit?: (value: Record<string, unknown>) => void
  /** Problems the server reported for this data, shown on their fields. */
  problems?: readonly FormProblem[]
  readOnly?: boolean
  submitText?: string
  /** Replaces the submit button (e.g. 保存草稿 + 下一步). */
  children?: ReactNode
  /** Render as a div inside another form (the catalog editor's preview): HTML forms must not nest. */
  isEmbedded?: boolean
}

/**
 * 申请表: renders an item version's form with @rjsf/antd in Ant Design zh-CN, with the field kit's widgets and the
 * same checks as the server (ADR 0022). Vertical labels, so it works on a 375 px phone.
 */
export function ApplicationForm({
  form,
  value,
  onChange,
  onSubmit,
  problems,
  readOnly,
  submitText = '提交',
  children,
  isEmbedded,
}: ApplicationFormProps) {
  const extraErrors = useMemo(() => toErrorSchema(problems), [problems])
  return (
    <div className="application-form">
      {/* antd's form context without a <form> element: vertical labels (phones) and no colons, like every page. */}
      <AntForm component={false} layout="vertical" colon={false}>
        <Form
          schema={form.schema as RJSFSchema}
          uiSchema={{ ...(form.uiSchema as UiSchema), 'ui:submitButtonOptions': { submitText } }}
          formData={value}
          validator={validator}
          widgets={widgets}
          translateString={translate}
          showErrorList={false}
          liveValidate="onBlur"
          omitExtraData
          noHtml5Validate
          readonly={readOnly}
          tagName={isEmbedded ? 'div' : 'form'}
          extraErrors={extraErrors}
          formContext={{ colon: false }}
          onChange={(event) => onChange?.((event.formData ?? {}) as Record<string, unknown>)}
          onSubmit={(event) => onSubmit?.((event.formData ?? {}) as Record<string, unknown>)}
        >
          {readOnly ? (
            <div hidden />
          ) : (
            (children ?? (
              <Button type="primary" htmlType="submit">
                {submitText}
              </Button>
            ))
          )}
        </Form>
      </AntForm>
    </div>
  )
}
