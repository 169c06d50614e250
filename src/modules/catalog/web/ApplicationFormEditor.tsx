import { Alert, Space } from 'antd'
import { ApplicationFormBuilder } from '../../cases/web/index.js'
import type { ApplicationForm } from '../application-form.js'

export type ApplicationFormEditorProps = {
  /** The form of the version being edited (null: none yet). */
  value: ApplicationForm | null
  onChange: (form: ApplicationForm | null) => void
  /** A version under review cannot change. */
  disabled?: boolean
}

/**
 * The item editor's 申请表 tab: the field-kit form builder with a live preview (from cases), saved with the draft
 * and frozen with the version like the rest of the guide (ADR 0022).
 */
export function ApplicationFormEditor({ value, onChange, disabled }: ApplicationFormEditorProps) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="application-form-editor">
      <Alert
        type="info"
        showIcon
        title="申请人网上办理时填写此申请表；修改后随草稿保存，发布后生效。已提交的办件仍按其提交时的版本。"
      />
      <ApplicationFormBuilder value={value} onChange={onChange} disabled={disabled} />
    </Space>
  )
}
