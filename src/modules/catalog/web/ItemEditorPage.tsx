import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router-dom'
import { api } from '../../../web/kit/api.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import { Permission } from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { ApplicationForm } from '../application-form.js'
import {
  ITEM_TYPE_LABELS,
  type ItemGuide,
  type ItemSummary,
  type ItemVersion,
  type ItemVersionSummary,
  MATERIAL_FORM_LABELS,
  MATERIAL_MEDIUM_LABELS,
  MATERIAL_SOURCE_LABELS,
  ONLINE_DEPTH_LABELS,
  SUBJECT_TYPE_LABELS,
  THEME_LABELS,
} from '../catalog.schemas.js'
import { ApplicationFormEditor } from './ApplicationFormEditor.js'
import { STATUS_COLOR } from './catalog-workbench.js'
import { DepartmentTreeSelect } from './DepartmentTreeSelect.js'
import { FormFileSlot } from './FormFileSlot.js'
import { buildEmptyGuide, cleanGuide } from './guide-form.js'
import { SituationPreview } from './SituationPreview.js'
import { VersionHistory } from './VersionHistory.js'

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))
const EFFECT_KINDS = [
  'add_material',
  'remove_material',
  'add_condition',
  'remove_condition',
  'set_time_limit',
  'add_note',
]

function RemoveButton({ onClick, label }: { onClick: () => void; label: string }) {
  return <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={label} onClick={onClick} />
}

/** One effect of a situation option: its kind decides which fields it has. */
function EffectFields({ name, form, path }: { name: number; form: FormInstance; path: (string | number)[] }) {
  const { t } = useTranslation()
  const kind = Form.useWatch([...path, name, 'kind'], form) as string | undefined
  const materials = (Form.useWatch('materials', form) as ItemGuide['materials'] | undefined) ?? []
  const conditions = (Form.useWatch('conditions', form) as ItemGuide['conditions'] | undefined) ?? []
  return (
    <Space wrap align="start">
      <Form.Item name={[name, 'kind']} noStyle rules={[{ required: true }]}>
        <Select
          style={{ width: 150 }}
          aria-label={t('catalogWorkbench.effectKind')}
          options={EFFECT_KINDS.map((value) => ({ value, label: t(`catalogWorkbench.effect_${value}`) }))}
        />
      </Form.Item>
      {(kind === 'add_material' || kind === 'remove_material') && (
        <Form.Item name={[name, 'materialId']} noStyle rules={[{ required: true }]}>
          <Select
            style={{ width: 220 }}
            aria-label={t('catalogWorkbench.material')}
            options={materials.filter(Boolean).map((m) => ({ value: m.id, label: `${m.id} ${m.name ?? ''}` }))}
          />
        </Form.Item>
      )}
      {kind === 'remove_condition' && (
        <Form.Item name={[name, 'conditionId']} noStyle rules={[{ required: true }]}>
          <Select
            style={{ width: 220 }}
            options={conditions.filter(Boolean).map((c) => ({ value: c.id, label: `${c.id} ${c.text ?? ''}` }))}
          />
        </Form.Item>
      )}
      {kind === 'add_condition' && (
        <>
          <Form.Item name={[name, 'condition', 'id']} noStyle rules={[{ required: true }]}>
            <Input style={{ width: 80 }} placeholder={t('catalogWorkbench.id')} />
          </Form.Item>
          <Form.Item name={[name, 'condition', 'text']} noStyle rules={[{ required: true }]}>
            <Input style={{ width: 260 }} placeholder={t('catalogWorkbench.conditionText')} />
          </Form.Item>
        </>
      )}
      {kind === 'set_time_limit' && (
        <>
          <Form.Item name={[name, 'promisedDays']} noStyle>
            <InputNumber min={0} placeholder={t('catalogWorkbench.promisedDays')} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name={[name, 'statutoryDays']} noStyle>
            <InputNumber min={0} placeholder={t('catalogWorkbench.statutoryDays')} style={{ width: 120 }} />
          </Form.Item>
        </>
      )}
      {kind === 'add_note' && (
        <Form.Item name={[name, 'text']} noStyle rules={[{ required: true }]}>
          <Input style={{ width: 300 }} placeholder={t('catalogWorkbench.noteText')} />
        </Form.Item>
      )}
    </Space>
  )
}

/** The situation tree as data: questions, their options, and what each option does to the notice. */
function SituationEditor({ form }: { form: FormInstance }) {
  const { t } = useTranslation()
  const situations = (Form.useWatch('situations', form) as ItemGuide['situations'] | undefined) ?? []
  return (
    <Form.List name="situations">
      {(questions, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {questions.map((question, index) => (
            <Card
              key={question.key}
              size="small"
              title={t('catalogWorkbench.questionN', { n: index + 1 })}
              extra={<RemoveButton label={t('catalogWorkbench.delete')} onClick={() => remove(question.name)} />}
            >
              <Row gutter={8}>
                <Col span={4}>
                  <Form.Item label={t('catalogWorkbench.id')} name={[question.name, 'id']} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <Form.Item
                    label={t('catalogWorkbench.questionText')}
                    name={[question.name, 'text']}
                    rules={[{ required: true }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label={t('catalogWorkbench.questionKind')} name={[question.name, 'kind']}>
                    <Select
                      options={[
                        { value: 'single', label: t('catalogWorkbench.single') },
                        { value: 'multiple', label: t('catalogWorkbench.multiple') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Space wrap>
                <span>{t('catalogWorkbench.showWhen')}</span>
                <Form.Item name={[question.name, 'showWhen', 'questionId']} noStyle>
                  <Select
                    allowClear
                    style={{ width: 160 }}
                    aria-label={t('catalogWorkbench.showWhen')}
                    options={situations
                      .slice(0, index)
                      .filter(Boolean)
                      .map((q) => ({ value: q.id, label: q.id }))}
                  />
                </Form.Item>
                <Form.Item name={[question.name, 'showWhen', 'optionIds']} noStyle>
                  <Select
                    mode="multiple"
                    style={{ minWidth: 200 }}
                    options={(
                      situations.find((q) => q?.id === situations[index]?.showWhen?.questionId)?.options ?? []
                    ).map((option) => ({ value: option?.id, label: option?.label }))}
                  />
                </Form.Item>
              </Space>
              <Form.List name={[question.name, 'options']}>
                {(optionFields, optionOps) => (
                  <div style={{ marginTop: 8 }}>
                    {optionFields.map((option) => (
                      <Card key={option.key} size="small" type="inner" style={{ marginBottom: 8 }}>
                        <Space wrap align="start">
                          <Form.Item name={[option.name, 'id']} noStyle rules={[{ required: true }]}>
                            <Input style={{ width: 90 }} placeholder={t('catalogWorkbench.id')} />
                          </Form.Item>
                          <Form.Item name={[option.name, 'label']} noStyle rules={[{ required: true }]}>
                            <Input style={{ width: 220 }} placeholder={t('catalogWorkbench.optionLabel')} />
                          </Form.Item>
                          <RemoveButton
                            label={t('catalogWorkbench.delete')}
                            onClick={() => optionOps.remove(option.name)}
                          />
                        </Space>
                        <Form.List name={[option.name, 'effects']}>
                          {(effects, effectOps) => (
                            <div style={{ marginTop: 6, paddingLeft: 16 }}>
                              {effects.map((effect) => (
                                <Space key={effect.key} align="start" style={{ marginBottom: 4 }}>
                                  <EffectFields
                                    name={effect.name}
                                    form={form}
                                    path={['situations', question.name, 'options', option.name, 'effects']}
                                  />
                                  <RemoveButton
                                    label={t('catalogWorkbench.delete')}
                                    onClick={() => effectOps.remove(effect.name)}
                                  />
                                </Space>
                              ))}
                              <Button
                                size="small"
                                type="dashed"
                                onClick={() => effectOps.add({ kind: 'add_material' })}
                              >
                                {t('catalogWorkbench.addEffect')}
                              </Button>
                            </div>
                          )}
                        </Form.List>
                      </Card>
                    ))}
                    <Button size="small" onClick={() => optionOps.add({ id: '', label: '', effects: [] })}>
                      {t('catalogWorkbench.addOption')}
                    </Button>
                  </div>
                )}
              </Form.List>
            </Card>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ id: `q${questions.length + 1}`, text: '', kind: 'single', options: [] })}
          >
            {t('catalogWorkbench.addQuestion')}
          </Button>
        </Space>
      )}
    </Form.List>
  )
}

/** A list of small objects edited as rows of inputs (legal basis, conditions, steps, locations, fees). */
function RowList({
  name,
  fields,
  addLabel,
  initial,
}: {
  name: string | (string | number)[]
  fields: { key: string; label: string; width?: number; number?: boolean; wide?: boolean }[]
  addLabel: string
  initial: Record<string, unknown>
}) {
  const { t } = useTranslation()
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {rows.map((row) => (
            <Space key={row.key} wrap align="start">
              {fields.map((field) => (
                <Form.Item key={field.key} name={[row.name, field.key]} noStyle>
                  {field.number ? (
                    <InputNumber
                      min={0}
                      placeholder={field.label}
                      aria-label={field.label}
                      style={{ width: field.width ?? 120 }}
                    />
                  ) : field.wide ? (
                    <Input.TextArea
                      autoSize
                      placeholder={field.label}
                      aria-label={field.label}
                      style={{ width: field.width ?? 420 }}
                    />
                  ) : (
                    <Input placeholder={field.label} aria-label={field.label} style={{ width: field.width ?? 180 }} />
                  )}
                </Form.Item>
              ))}
              <RemoveButton label={t('catalogWorkbench.delete')} onClick={() => remove(row.name)} />
            </Space>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add(initial)}>
            {addLabel}
          </Button>
        </Space>
      )}
    </Form.List>
  )
}

/** The materials table: every column of the national standard, one row per material. */
function MaterialsEditor() {
  const { t } = useTranslation()
  return (
    <Form.List name="materials">
      {(rows, { add, remove }) => (
        <div style={{ overflowX: 'auto' }}>
          <table className="catalog-materials-table" data-testid="materials-table">
            <thead>
              <tr>
                {[
                  'id',
                  'materialName',
                  'files',
                  'source',
                  'form',
                  'count',
                  'medium',
                  'requirement',
                  'condition',
                  'notes',
                  '',
                ].map((key) => (
                  <th key={key} style={{ textAlign: 'left', padding: 4, whiteSpace: 'nowrap' }}>
                    {key ? t(`catalogWorkbench.${key}`) : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'id']} noStyle rules={[{ required: true }]}>
                      <Input style={{ width: 64 }} aria-label={t('catalogWorkbench.id')} />
                    </Form.Item>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'name']} noStyle rules={[{ required: true }]}>
                      <Input style={{ width: 220 }} aria-label={t('catalogWorkbench.materialName')} />
                    </Form.Item>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Space orientation="vertical" size={2}>
                      <Form.Item name={[row.name, 'blankForm']} noStyle>
                        <FormFileSlot kind="blankForm" testId={`blank-form-${row.name}`} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'sample']} noStyle>
                        <FormFileSlot kind="sample" testId={`sample-${row.name}`} />
                      </Form.Item>
                    </Space>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'source']} noStyle>
                      <Select style={{ width: 130 }} options={options(MATERIAL_SOURCE_LABELS)} />
                    </Form.Item>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'form']} noStyle>
                      <Select style={{ width: 130 }} options={options(MATERIAL_FORM_LABELS)} />
                    </Form.Item>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'count']} noStyle>
                      <InputNumber min={1} style={{ width: 64 }} aria-label={t('catalogWorkbench.count')} />
                    </Form.Item>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'medium']} noStyle>
                      <Select style={{ width: 120 }} options={options(MATERIAL_MEDIUM_LABELS)} />
                    </Form.Item>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'requirement']} noStyle>
                      <Select
                        style={{ width: 110 }}
                        options={[
                          { value: 'required', label: t('catalogWorkbench.required') },
                          { value: 'conditional', label: t('catalogWorkbench.conditional') },
                        ]}
                      />
                    </Form.Item>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'condition']} noStyle>
                      <Input style={{ width: 180 }} aria-label={t('catalogWorkbench.condition')} />
                    </Form.Item>
                  </td>
                  <td style={{ padding: 4 }}>
                    <Form.Item name={[row.name, 'notes']} noStyle>
                      <Input style={{ width: 180 }} aria-label={t('catalogWorkbench.notes')} />
                    </Form.Item>
                  </td>
                  <td>
                    <RemoveButton label={t('catalogWorkbench.delete')} onClick={() => remove(row.name)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined aria-hidden />}
            onClick={() =>
              add({
                id: `m${rows.length + 1}`,
                name: '',
                source: 'applicant',
                form: 'original',
                count: 1,
                medium: 'paper_or_electronic',
                requirement: 'required',
              })
            }
          >
            {t('catalogWorkbench.addMaterial')}
          </Button>
        </div>
      )}
    </Form.List>
  )
}

/** `/workbench/catalog/items/:code` and `/workbench/catalog/new`: every guide element, situations with a live preview. */
export function ItemEditorPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { code } = useParams()
  const isNew = !code
  const [form] = Form.useForm<ItemGuide>()
  const [version, setVersion] = useState<ItemVersion | undefined>(undefined)
  const [loadError, setLoadError] = useState<unknown>(undefined)
  const [isSaving, setIsSaving] = useState(false)
  const [historyKey, setHistoryKey] = useState(0)
  // The edited application form; undefined until the editor touches it, so saving the guide keeps the stored form.
  const [applicationForm, setApplicationForm] = useState<ApplicationForm | null | undefined>(undefined)
  const session = useSession()
  const canWithdraw = hasPermission(session, Permission.catalogItemsPublish)
  const [isWithdrawOpen, setIsWithdrawOpen] = useState(false)
  const [withdrawReason, setWithdrawReason] = useState('')
  // Withdrawing takes the published version offline, whatever draft is being edited on top of it.
  const versions = useApiData(
    (signal) =>
      isNew
        ? Promise.resolve([])
        : api.get<ItemVersionSummary[]>(`/api/catalog/items/${encodeURIComponent(code)}/versions`, {
            signal,
            quiet: true,
          }),
    `${code ?? ''}|${historyKey}`,
  )
  const publishedVersion = versions.data?.find((entry) => entry.status === 'published')?.version
  const watched = Form.useWatch([], form) as ItemGuide | undefined
  const feeKind = Form.useWatch(['fee', 'kind'], form) as string | undefined
  useDocumentTitle(isNew ? t('catalogWorkbench.newItem') : (version?.guide.name ?? t('catalogWorkbench.editItem')))

  useEffect(() => {
    if (isNew) {
      form.setFieldsValue(buildEmptyGuide())
      return
    }
    const controller = new AbortController()
    api
      .get<ItemVersion>(`/api/catalog/items/${encodeURIComponent(code)}/draft`, { signal: controller.signal })
      .then((loaded) => {
        setVersion(loaded)
        form.setFieldsValue(loaded.guide)
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error)
      })
    return () => controller.abort()
  }, [code, isNew, form])

  const isLocked = version?.status === 'submitted'

  const save = async (): Promise<ItemVersion | undefined> => {
    await form.validateFields()
    const guide = cleanGuide(form.getFieldsValue(true))
    setIsSaving(true)
    try {
      const saved = isNew
        ? await api.post<ItemVersion>('/api/catalog/items', {
            guide,
            ...(applicationForm !== undefined ? { applicationForm } : {}),
          })
        : await api.put<ItemVersion>(`/api/catalog/items/${encodeURIComponent(code)}/draft`, {
            guide,
            ...(applicationForm !== undefined ? { applicationForm } : {}),
            // A published version is the base of a new draft: nothing to compare against.
            ...(version && (version.status === 'draft' || version.status === 'submitted')
              ? { expectedRevision: version.revision }
              : {}),
          })
      setVersion(saved)
      setApplicationForm(undefined)
      setHistoryKey((n) => n + 1)
      void message.success(t('catalogWorkbench.saved', { version: saved.version }))
      if (isNew) navigate(`/workbench/catalog/items/${encodeURIComponent(saved.code)}`, { replace: true })
      return saved
    } catch {
      return undefined
    } finally {
      setIsSaving(false)
    }
  }

  const submit = async () => {
    const saved = await save()
    if (!saved) return
    try {
      const submitted = await api.post<ItemVersion>(`/api/catalog/items/${encodeURIComponent(saved.code)}/submit`)
      setVersion(submitted)
      setHistoryKey((n) => n + 1)
      void message.success(t('catalogWorkbench.submitted'))
    } catch {
      // The API client has shown the server's message.
    }
  }

  const withdraw = async () => {
    if (!code) return
    try {
      await api.post<ItemSummary>(`/api/catalog/items/${encodeURIComponent(code)}/withdraw`, {
        reason: withdrawReason.trim(),
      })
      setIsWithdrawOpen(false)
      setWithdrawReason('')
      setVersion(await api.get<ItemVersion>(`/api/catalog/items/${encodeURIComponent(code)}/draft`))
      setHistoryKey((n) => n + 1)
      void message.success(t('catalogWorkbench.withdrawnMessage'))
    } catch {
      // The API client has shown the server's message.
    }
  }

  if (loadError) return <Alert type="error" showIcon title={t('common.loadFailed')} />
  if (!isNew && !version) return <Spin />

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{isNew ? t('catalogWorkbench.newItem') : version?.guide.name}</h1>
        {version && (
          <span className="tag-list">
            <Tag color={STATUS_COLOR[version.status]} data-testid="version-status">
              {t('catalogWorkbench.versionTag', { version: version.version })} ·{' '}
              {t(`catalogWorkbench.status_${version.status}`)}
            </Tag>
          </span>
        )}
        <div className="page-header-actions">
          <Button onClick={() => navigate('/workbench/catalog')}>{t('catalogWorkbench.backToList')}</Button>
          <Button onClick={() => void save()} loading={isSaving} disabled={isLocked}>
            {t('catalogWorkbench.saveDraft')}
          </Button>
          <Button type="primary" onClick={() => void submit()} disabled={isLocked || isSaving}>
            {t('catalogWorkbench.submit')}
          </Button>
          {canWithdraw && publishedVersion !== undefined && (
            <Button danger onClick={() => setIsWithdrawOpen(true)}>
              {t('catalogWorkbench.withdraw')}
            </Button>
          )}
        </div>
      </div>
      <Modal
        open={isWithdrawOpen}
        title={t('catalogWorkbench.withdrawTitle', { name: version?.guide.name ?? code })}
        okText={t('catalogWorkbench.withdrawConfirm')}
        okButtonProps={{ danger: true, disabled: !withdrawReason.trim() }}
        onOk={() => void withdraw()}
        onCancel={() => setIsWithdrawOpen(false)}
      >
        <p>{t('catalogWorkbench.withdrawExplain')}</p>
        <Input.TextArea
          autoSize={{ minRows: 2 }}
          maxLength={500}
          placeholder={t('catalogWorkbench.withdrawReason')}
          aria-label={t('catalogWorkbench.withdrawReason')}
          value={withdrawReason}
          onChange={(event) => setWithdrawReason(event.target.value)}
        />
      </Modal>
      {isLocked && (
        <Alert type="info" showIcon title={t('catalogWorkbench.lockedUnderReview')} style={{ marginBottom: 12 }} />
      )}
      {version?.reviewComment && version.status === 'draft' && (
        <Alert
          type="warning"
          showIcon
          title={t('catalogWorkbench.returned', { reason: version.reviewComment })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical" disabled={isLocked} data-testid="item-editor">
        <Card variant="outlined">
          <Tabs
            items={[
              {
                key: 'basic',
                label: t('catalogWorkbench.tabBasic'),
                forceRender: true,
                children: (
                  <Row gutter={16}>
                    <Col xs={24} md={12}>
                      <Form.Item label={t('catalogWorkbench.itemCode')} name="code" rules={[{ required: true }]}>
                        <Input disabled={!isNew} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item label={t('catalogWorkbench.itemName')} name="name" rules={[{ required: true }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item label={t('catalogWorkbench.itemType')} name="itemType">
                        <Select options={options(ITEM_TYPE_LABELS)} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item
                        label={t('catalogWorkbench.department')}
                        name="departmentCode"
                        rules={[{ required: true, message: t('catalogWorkbench.departmentPlaceholder') }]}
                      >
                        <DepartmentTreeSelect />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item label={t('catalogWorkbench.implementingUnit')} name="implementingUnit">
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item label={t('catalogWorkbench.aliases')} name="aliases">
                        <Select mode="tags" open={false} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item label={t('catalogWorkbench.keywords')} name="keywords">
                        <Select mode="tags" open={false} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item label={t('catalogWorkbench.subjects')} name="subjects">
                        <Checkbox.Group options={options(SUBJECT_TYPE_LABELS)} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item label={t('catalogWorkbench.themes')} name="themes">
                        <Select mode="multiple" options={options(THEME_LABELS)} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item label={t('catalogWorkbench.lifeEvents')} name="lifeEvents">
                        <Select mode="tags" open={false} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item label={t('catalogWorkbench.onlineDepth')} name="onlineDepth">
                        <Select options={options(ONLINE_DEPTH_LABELS)} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item label={t('catalogWorkbench.maxVisits')} name="maxVisits">
                        <InputNumber min={0} max={10} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item
                        label={t('catalogWorkbench.consultationPhone')}
                        name="consultationPhone"
                        rules={[{ required: true }]}
                      >
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item
                        label={t('catalogWorkbench.complaintPhone')}
                        name="complaintPhone"
                        rules={[{ required: true }]}
                      >
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item label={t('catalogWorkbench.divisionCode')} name="divisionCode">
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item label={t('catalogWorkbench.onlineUrl')} name="onlineUrl">
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item label={t('catalogWorkbench.description')} name="description">
                        <Input.TextArea autoSize={{ minRows: 2 }} />
                      </Form.Item>
                    </Col>
                  </Row>
                ),
              },
              {
                key: 'limits',
                label: t('catalogWorkbench.tabLimits'),
                forceRender: true,
                children: (
                  <Row gutter={16}>
                    <Col xs={24} md={6}>
                      <Form.Item label={t('catalogWorkbench.timeLimitKind')} name={['timeLimit', 'kind']}>
                        <Select
                          options={[
                            { value: 'instant', label: t('catalogWorkbench.instant') },
                            { value: 'promised', label: t('catalogWorkbench.promised') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item label={t('catalogWorkbench.statutoryDays')} name={['timeLimit', 'statutoryDays']}>
                        <InputNumber min={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item label={t('catalogWorkbench.promisedDays')} name={['timeLimit', 'promisedDays']}>
                        <InputNumber min={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item label={t('catalogWorkbench.timeLimitNote')} name={['timeLimit', 'note']}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item label={t('catalogWorkbench.fee')} name={['fee', 'kind']}>
                        <Select
                          options={[
                            { value: 'free', label: t('catalogWorkbench.free') },
                            { value: 'charged', label: t('catalogWorkbench.charged') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    {feeKind === 'charged' && (
                      <Col span={24}>
                        <RowList
                          name={['fee', 'items']}
                          addLabel={t('catalogWorkbench.addFee')}
                          initial={{ name: '', amountYuan: 0, basis: '' }}
                          fields={[
                            { key: 'name', label: t('catalogWorkbench.feeName') },
                            { key: 'amountYuan', label: t('catalogWorkbench.amountYuan'), number: true },
                            { key: 'standard', label: t('catalogWorkbench.feeStandard') },
                            { key: 'basis', label: t('catalogWorkbench.feeBasis'), width: 300 },
                          ]}
                        />
                      </Col>
                    )}
                  </Row>
                ),
              },
              {
                key: 'basis',
                label: t('catalogWorkbench.tabBasis'),
                forceRender: true,
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }} size="large">
                    <div>
                      <h3>{t('catalogWorkbench.legalBasis')}</h3>
                      <RowList
                        name="legalBasis"
                        addLabel={t('catalogWorkbench.addLegalBasis')}
                        initial={{ title: '', text: '' }}
                        fields={[
                          { key: 'title', label: t('catalogWorkbench.lawTitle'), width: 240 },
                          { key: 'article', label: t('catalogWorkbench.article'), width: 110 },
                          { key: 'text', label: t('catalogWorkbench.articleText'), wide: true },
                        ]}
                      />
                    </div>
                    <div>
                      <h3>{t('catalogWorkbench.conditions')}</h3>
                      <RowList
                        name="conditions"
                        addLabel={t('catalogWorkbench.addCondition')}
                        initial={{ id: '', text: '' }}
                        fields={[
                          { key: 'id', label: t('catalogWorkbench.id'), width: 70 },
                          { key: 'text', label: t('catalogWorkbench.conditionText'), wide: true, width: 600 },
                        ]}
                      />
                    </div>
                  </Space>
                ),
              },
              {
                key: 'materials',
                label: t('catalogWorkbench.tabMaterials'),
                forceRender: true,
                children: <MaterialsEditor />,
              },
              {
                key: 'process',
                label: t('catalogWorkbench.tabProcess'),
                forceRender: true,
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }} size="large">
                    <div>
                      <h3>{t('catalogWorkbench.processSteps')}</h3>
                      <RowList
                        name="processSteps"
                        addLabel={t('catalogWorkbench.addStep')}
                        initial={{ name: '' }}
                        fields={[
                          { key: 'name', label: t('catalogWorkbench.stepName'), width: 120 },
                          { key: 'description', label: t('catalogWorkbench.stepDescription'), wide: true },
                          { key: 'days', label: t('catalogWorkbench.stepDays'), number: true },
                        ]}
                      />
                    </div>
                    <div>
                      <h3>{t('catalogWorkbench.locations')}</h3>
                      <RowList
                        name="locations"
                        addLabel={t('catalogWorkbench.addLocation')}
                        initial={{ name: '', address: '', hours: '' }}
                        fields={[
                          { key: 'name', label: t('catalogWorkbench.locationName') },
                          { key: 'address', label: t('catalogWorkbench.address'), width: 220 },
                          { key: 'window', label: t('catalogWorkbench.window'), width: 200 },
                          { key: 'hours', label: t('catalogWorkbench.hours'), width: 260 },
                        ]}
                      />
                    </div>
                    <Row gutter={16}>
                      <Col xs={24} md={6}>
                        <Form.Item label={t('catalogWorkbench.resultKind')} name={['result', 'kind']}>
                          <Select
                            options={['licence', 'document', 'other'].map((value) => ({
                              value,
                              label: t(`catalogWorkbench.result_${value}`),
                            }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={10}>
                        <Form.Item
                          label={t('catalogWorkbench.resultName')}
                          name={['result', 'name']}
                          rules={[{ required: true }]}
                        >
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item label={t('catalogWorkbench.notesField')} name="notes">
                          <Input />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Space>
                ),
              },
              {
                key: 'situations',
                label: t('catalogWorkbench.tabSituations'),
                forceRender: true,
                children: (
                  <Row gutter={16}>
                    <Col xs={24} lg={15}>
                      <SituationEditor form={form} />
                    </Col>
                    <Col xs={24} lg={9}>
                      <SituationPreview guide={watched ? cleanGuide(watched) : undefined} />
                    </Col>
                  </Row>
                ),
              },
              {
                key: 'applicationForm',
                label: '申请表',
                children: (
                  <ApplicationFormEditor
                    key={`${version?.version ?? 0}-${version?.revision ?? 0}`}
                    value={applicationForm !== undefined ? applicationForm : (version?.applicationForm ?? null)}
                    onChange={setApplicationForm}
                    disabled={isLocked}
                  />
                ),
              },
              ...(isNew || !code
                ? []
                : [
                    {
                      key: 'versions',
                      label: t('catalogWorkbench.tabVersions'),
                      children: <VersionHistory code={code} refreshKey={historyKey} />,
                    },
                  ]),
            ]}
          />
        </Card>
      </Form>
    </div>
  )
}
