import { Button, Card, Col, Empty, Input, Row, Select, Space, Switch, Typography } from 'antd'
import { useMemo, useState } from 'react'
import {
  buildFieldFromTemplate,
  buildFormFromEditorFields,
  type EditorField,
  FIELD_TEMPLATES,
  type FieldTemplateKind,
  readEditorFields,
} from '../../application-form/field-kit.js'
import type { ApplicationFormDefinition } from '../../application-form/form-schema.js'
import { ApplicationForm } from './ApplicationForm.js'

/*
 * 申请表编辑 (the body of the catalog's ApplicationFormEditor): build an item version's form from the field kit —
 * add, remove, reorder, rename, mark required, show a field only for an answer of an earlier field — and see the
 * form as applicants will, live. The stored definition is produced by the kit (buildFormFromEditorFields), so it
 * always passes the catalog's check of form definitions.
 */

const TEMPLATE_OPTIONS = (Object.keys(FIELD_TEMPLATES) as FieldTemplateKind[]).map((kind) => ({
  value: kind,
  label: FIELD_TEMPLATES[kind].label,
}))

/** Values a field can be compared with in a condition: its options (单选, 是/否). */
function choicesOf(entry: EditorField): string[] {
  const values = entry.spec.schema.enum
  return entry.spec.schema.type === 'string' && Array.isArray(values) ? values.map(String) : []
}

export type ApplicationFormBuilderProps = {
  value: ApplicationFormDefinition | null
  onChange: (form: ApplicationFormDefinition | null) => void
  disabled?: boolean
}

export function ApplicationFormBuilder({ value, onChange, disabled }: ApplicationFormBuilderProps) {
  const [fields, setFields] = useState<EditorField[]>(() => readEditorFields(value))
  const [kind, setKind] = useState<FieldTemplateKind>('text')
  const [title, setTitle] = useState('')
  const [previewData, setPreviewData] = useState<Record<string, unknown>>({})
  const preview = useMemo(() => (fields.length > 0 ? buildFormFromEditorFields(fields) : null), [fields])

  function update(next: EditorField[]) {
    // A condition on a field that is gone (or no longer before it) would hide a field for good: drop it.
    const cleaned = next.map((entry, index) => {
      const condition = entry.condition
      if (!condition) return entry
      const source = next.slice(0, index).find((candidate) => candidate.name === condition.field)
      if (source && choicesOf(source).includes(condition.equals)) return entry
      const { condition: _dropped, ...rest } = entry
      return rest
    })
    setFields(cleaned)
    onChange(cleaned.length > 0 ? buildFormFromEditorFields(cleaned) : null)
  }

  function change(index: number, patch: Partial<EditorField>) {
    update(fields.map((entry, at) => (at === index ? { ...entry, ...patch } : entry)))
  }

  function move(index: number, offset: number) {
    const target = index + offset
    if (target < 0 || target >= fields.length) return
    const next = [...fields]
    const [moved] = next.splice(index, 1)
    if (moved) next.splice(target, 0, moved)
    update(next)
  }

  function add() {
    const label = title.trim() || FIELD_TEMPLATES[kind].label
    update([
      ...fields,
      buildFieldFromTemplate(
        kind,
        label,
        fields.map((entry) => entry.name),
      ),
    ])
    setTitle('')
  }

  return (
    <Row gutter={[16, 16]} className="application-form-editor">
      <Col xs={24} lg={12}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.length === 0 && <Empty description="尚未设置申请表，请从下方字段库添加字段" />}
          {fields.map((entry, index) => {
            const earlierChoices = fields.slice(0, index).filter((candidate) => choicesOf(candidate).length > 0)
            const source = earlierChoices.find((candidate) => candidate.name === entry.condition?.field)
            return (
              <Card key={entry.name} size="small" aria-label={`字段 ${entry.title}`}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input
                    aria-label="字段名称"
                    value={entry.title}
                    maxLength={100}
                    disabled={disabled}
                    onChange={(event) => change(index, { title: event.target.value })}
                  />
                  <Space wrap>
                    <Switch
                      checked={!!entry.spec.required}
                      disabled={disabled}
                      onChange={(required) => change(index, { spec: { ...entry.spec, required } })}
                      aria-label="必填"
                    />
                    <Typography.Text>必填</Typography.Text>
                    <Button size="small" disabled={disabled || index === 0} onClick={() => move(index, -1)}>
                      上移
                    </Button>
                    <Button
                      size="small"
                      disabled={disabled || index === fields.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      下移
                    </Button>
                    <Button
                      size="small"
                      danger
                      disabled={disabled}
                      onClick={() => update(fields.filter((_, at) => at !== index))}
                    >
                      删除
                    </Button>
                  </Space>
                  {choicesOf(entry).length > 0 && (
                    <Select
                      mode="tags"
                      aria-label="选项"
                      value={choicesOf(entry)}
                      disabled={disabled}
                      style={{ width: '100%' }}
                      placeholder="输入选项后回车"
                      onChange={(options: string[]) => {
                        const cleaned = [...new Set(options.map((option) => option.trim()).filter(Boolean))].slice(
                          0,
                          50,
                        )
                        if (cleaned.length > 0)
                          change(index, { spec: { ...entry.spec, schema: { ...entry.spec.schema, enum: cleaned } } })
                      }}
                    />
                  )}
                  {earlierChoices.length > 0 && (
                    <Space wrap>
                      <Typography.Text type="secondary">仅当</Typography.Text>
                      <Select
                        aria-label="显示条件字段"
                        allowClear
                        placeholder="（始终显示）"
                        style={{ minWidth: 140 }}
                        disabled={disabled}
                        value={entry.condition?.field}
                        options={earlierChoices.map((candidate) => ({ value: candidate.name, label: candidate.title }))}
                        onChange={(field?: string) => {
                          const chosen = earlierChoices.find((candidate) => candidate.name === field)
                          const first = chosen ? choicesOf(chosen)[0] : undefined
                          if (!field || !first) {
                            const { condition: _removed, ...rest } = entry
                            update(fields.map((candidate, at) => (at === index ? rest : candidate)))
                          } else change(index, { condition: { field, equals: first } })
                        }}
                      />
                      {source && (
                        <>
                          <Typography.Text type="secondary">为</Typography.Text>
                          <Select
                            aria-label="显示条件取值"
                            style={{ minWidth: 100 }}
                            disabled={disabled}
                            value={entry.condition?.equals}
                            options={choicesOf(source).map((option) => ({ value: option, label: option }))}
                            onChange={(equals: string) => change(index, { condition: { field: source.name, equals } })}
                          />
                          <Typography.Text type="secondary">时显示</Typography.Text>
                        </>
                      )}
                    </Space>
                  )}
                </Space>
              </Card>
            )
          })}
          <Card size="small" title="从字段库添加">
            <Space.Compact style={{ width: '100%' }}>
              <Select
                aria-label="字段类型"
                value={kind}
                options={TEMPLATE_OPTIONS}
                disabled={disabled}
                onChange={(next: FieldTemplateKind) => setKind(next)}
                style={{ minWidth: 160 }}
              />
              <Input
                aria-label="新字段名称"
                placeholder={FIELD_TEMPLATES[kind].label}
                value={title}
                maxLength={100}
                disabled={disabled}
                onChange={(event) => setTitle(event.target.value)}
                onPressEnter={add}
              />
              <Button type="primary" disabled={disabled} onClick={add}>
                添加字段
              </Button>
            </Space.Compact>
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="预览（申请人看到的申请表）" aria-label="申请表预览">
          {preview ? (
            <ApplicationForm form={preview} value={previewData} onChange={setPreviewData} isEmbedded>
              <Typography.Text type="secondary">预览仅供查看，不会保存填写内容</Typography.Text>
            </ApplicationForm>
          ) : (
            <Empty description="添加字段后在这里预览" />
          )}
        </Card>
      </Col>
    </Row>
  )
}
