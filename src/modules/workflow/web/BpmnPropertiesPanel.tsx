import { Empty, Form, Input, InputNumber, Select, Switch, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Modeler } from './bpmn-js.js'
import { TASK_ROLES } from './bpmn-templates.js'
import type { WorkflowDirectory } from './workflow-api.js'

// biome-ignore lint/suspicious/noExplicitAny: bpmn-js elements and moddle objects are untyped at this level.
type BpmnElement = { id: string; type: string; businessObject: any }

type Values = {
  name?: string
  assigneeRule?: string
  department?: string
  role?: string
  user?: string
  formKey?: string
  dueWorkingDays?: number | null
  countersign?: 'none' | 'all' | 'first' | 'ratio'
  ratio?: number | null
  collection?: string
  elementVariable?: string
  opinionRequired?: boolean
  condition?: string
  leadDepartment?: string
  handler?: string
}

const TONGBAN_ATTRIBUTES = [
  'assigneeRule',
  'department',
  'role',
  'user',
  'formKey',
  'dueWorkingDays',
  'collection',
  'elementVariable',
  'opinionRequired',
] as const

/** Reads the selected element's name, condition and tongban: attributes into the form's shape. */
function readValues(element: BpmnElement): Values {
  const bo = element.businessObject
  const countersign: string | undefined = bo.get?.('tongban:countersign')
  const values: Values = {
    name: bo.name ?? '',
    condition: bo.conditionExpression?.body ?? '',
    leadDepartment: bo.get?.('tongban:leadDepartment'),
    handler: bo.get?.('tongban:handler'),
    countersign: !countersign ? 'none' : countersign.startsWith('ratio:') ? 'ratio' : (countersign as 'all' | 'first'),
    ratio: countersign?.startsWith('ratio:') ? Number(countersign.slice(6)) : null,
  }
  for (const name of TONGBAN_ATTRIBUTES) (values as Record<string, unknown>)[name] = bo.get?.(`tongban:${name}`)
  return values
}

/** The properties panel beside the canvas: edits name, conditions and the tongban extensions of one element. */
export function BpmnPropertiesPanel({
  modeler,
  directory,
}: {
  modeler: Modeler | undefined
  directory: WorkflowDirectory | undefined
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const [element, setElement] = useState<BpmnElement | undefined>(undefined)

  useEffect(() => {
    if (!modeler) return
    const eventBus = modeler.get<{
      on: (event: string, fn: (e: never) => void) => void
      off: (event: string, fn: (e: never) => void) => void
    }>('eventBus')
    const onSelection = (event: { newSelection: BpmnElement[] }) => {
      const selected = event.newSelection[0]
      const root = modeler.get<{ getRootElement: () => BpmnElement }>('canvas').getRootElement()
      setElement(selected ?? root)
    }
    const onChanged = (event: { element: BpmnElement }) => {
      setElement((current) => (current && event.element.id === current.id ? { ...event.element } : current))
    }
    eventBus.on('selection.changed', onSelection as never)
    eventBus.on('element.changed', onChanged as never)
    eventBus.on('import.done', (() =>
      setElement(modeler.get<{ getRootElement: () => BpmnElement }>('canvas').getRootElement())) as never)
    return () => {
      eventBus.off('selection.changed', onSelection as never)
      eventBus.off('element.changed', onChanged as never)
    }
  }, [modeler])

  // biome-ignore lint/correctness/useExhaustiveDependencies: refill only when another element is selected.
  useEffect(() => {
    if (element) form.setFieldsValue({ ...readValues(element) })
  }, [element?.id, form])

  if (!modeler || !element) return <Empty description={t('workflow.noSelection')} />
  const type: string = element.businessObject.$type
  const isUserTask = type === 'bpmn:UserTask'
  const isFlow = type === 'bpmn:SequenceFlow'
  const isProcess = type === 'bpmn:Process'
  const isServiceTask = type === 'bpmn:ServiceTask'

  function apply(changed: Values, all: Values) {
    const modeling = modeler?.get<{ updateProperties: (el: BpmnElement, props: Record<string, unknown>) => void }>(
      'modeling',
    )
    const moddle = modeler?.get<{ create: (type: string, attrs: Record<string, unknown>) => unknown }>('moddle')
    if (!modeling || !moddle || !element) return
    const props: Record<string, unknown> = {}
    const empty = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : value)
    if ('name' in changed) props.name = empty(changed.name)
    if ('condition' in changed) {
      props.conditionExpression = changed.condition?.trim()
        ? moddle.create('bpmn:FormalExpression', { body: changed.condition.trim() })
        : undefined
    }
    if ('leadDepartment' in changed) props['tongban:leadDepartment'] = empty(changed.leadDepartment)
    if ('handler' in changed) props['tongban:handler'] = empty(changed.handler)
    for (const name of TONGBAN_ATTRIBUTES) {
      if (name in changed) props[`tongban:${name}`] = empty((changed as Record<string, unknown>)[name])
    }
    if ('opinionRequired' in changed) props['tongban:opinionRequired'] = changed.opinionRequired ? true : undefined
    if ('countersign' in changed || 'ratio' in changed) {
      const rule = all.countersign ?? 'none'
      props['tongban:countersign'] = rule === 'none' ? undefined : rule === 'ratio' ? `ratio:${all.ratio ?? 0.6}` : rule
      const hasLoop = Boolean(element.businessObject.loopCharacteristics)
      // 会签 is a multi-instance task: add or drop the loop marker with the rule.
      if (rule === 'none' && hasLoop) props.loopCharacteristics = undefined
      if (rule !== 'none' && !hasLoop)
        props.loopCharacteristics = moddle.create('bpmn:MultiInstanceLoopCharacteristics', {})
    }
    if (Object.keys(props).length > 0) modeling.updateProperties(element, props)
  }

  const departmentOptions = (directory?.departments ?? []).map((d) => ({
    value: d.code,
    label: `${d.name}（${d.code}）`,
  }))
  const staffOptions = (directory?.staff ?? []).map((s) => ({
    value: s.loginName,
    label: `${s.displayName}（${s.loginName}）`,
  }))

  return (
    <div data-testid="properties-panel">
      <Typography.Text type="secondary">
        {t('workflow.elementType')}：{type.replace('bpmn:', '')} · {t('workflow.elementId')}：{element.id}
      </Typography.Text>
      <Form form={form} layout="vertical" size="small" onValuesChange={apply} style={{ marginTop: 12 }}>
        <Form.Item name="name" label={t('workflow.elementName')}>
          <Input maxLength={200} />
        </Form.Item>
        {isProcess ? (
          <Form.Item name="leadDepartment" label={t('workflow.leadDepartment')}>
            <Select allowClear showSearch optionFilterProp="label" options={departmentOptions} />
          </Form.Item>
        ) : null}
        {isFlow ? (
          <Form.Item name="condition" label={t('workflow.condition')} extra={t('workflow.conditionHelp')}>
            <Input maxLength={500} placeholder="${approved}" />
          </Form.Item>
        ) : null}
        {isServiceTask ? (
          <Form.Item name="handler" label={t('workflow.handler')}>
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        {isUserTask ? (
          <>
            <Form.Item name="assigneeRule" label={t('workflow.assigneeRule')}>
              <Select
                allowClear
                options={['department-role', 'lead-department', 'user', 'previous-leader'].map((rule) => ({
                  value: rule,
                  label: t(`workflow.rule_${rule.replace('-', '_')}`),
                }))}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.assigneeRule !== b.assigneeRule}>
              {({ getFieldValue }) => {
                const rule = getFieldValue('assigneeRule')
                return (
                  <>
                    {rule === 'department-role' ? (
                      <Form.Item name="department" label={t('workflow.department')} extra="${department}">
                        <Select allowClear showSearch optionFilterProp="label" options={departmentOptions} />
                      </Form.Item>
                    ) : null}
                    {rule === 'department-role' || rule === 'lead-department' ? (
                      <Form.Item name="role" label={t('workflow.role')}>
                        <Select allowClear options={TASK_ROLES} />
                      </Form.Item>
                    ) : null}
                    {rule === 'user' ? (
                      <Form.Item name="user" label={t('workflow.user')}>
                        <Select allowClear showSearch optionFilterProp="label" options={staffOptions} />
                      </Form.Item>
                    ) : null}
                  </>
                )
              }}
            </Form.Item>
            <Form.Item name="formKey" label={t('workflow.formKey')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="dueWorkingDays" label={t('workflow.dueWorkingDays')}>
              <InputNumber min={0} max={365} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="countersign" label={t('workflow.countersign')}>
              <Select
                options={(['none', 'all', 'first', 'ratio'] as const).map((rule) => ({
                  value: rule,
                  label: t(`workflow.countersign_${rule}`),
                }))}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.countersign !== b.countersign}>
              {({ getFieldValue }) =>
                getFieldValue('countersign') && getFieldValue('countersign') !== 'none' ? (
                  <>
                    {getFieldValue('countersign') === 'ratio' ? (
                      <Form.Item name="ratio" label={t('workflow.ratio')}>
                        <InputNumber min={0.01} max={1} step={0.1} style={{ width: '100%' }} />
                      </Form.Item>
                    ) : null}
                    <Form.Item name="collection" label={t('workflow.collection')}>
                      <Input maxLength={100} placeholder="reviewDepartments" />
                    </Form.Item>
                    <Form.Item name="elementVariable" label={t('workflow.elementVariable')}>
                      <Input maxLength={100} placeholder="department" />
                    </Form.Item>
                  </>
                ) : null
              }
            </Form.Item>
            <Form.Item name="opinionRequired" label={t('workflow.opinionRequiredLabel')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </div>
  )
}
