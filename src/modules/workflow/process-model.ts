import { BpmnModdle } from 'bpmn-moddle'
import { compileExpression, ExpressionError, isExpressionText } from './expression.js'
import tongbanDescriptor from './tongban-moddle.json' with { type: 'json' }

/** The namespace of our own extension attributes; stored in deployed XML, so it must never change. */
export const TONGBAN_NAMESPACE = 'http://tongban.org/schema/bpmn'

export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'task'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'subProcess'
  | 'callActivity'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'

/** Who a user task goes to (a tongban extension, or camunda:/flowable: assignee and candidate groups). */
export type AssigneeRule =
  | { kind: 'user'; user: string }
  | { kind: 'department-role'; department: string; role?: string }
  | { kind: 'lead-department'; role?: string }
  | { kind: 'role'; role: string }
  | { kind: 'previous-leader' }

export type EventDefinition =
  | { kind: 'terminate' }
  | { kind: 'timer'; duration?: string; date?: string; workingDays: boolean }
  | { kind: 'message'; messageName: string }
  | { kind: 'error'; errorCode?: string }

export type MultiInstance = {
  isSequential: boolean
  collection?: string
  elementVariable?: string
  cardinality?: string
  completionCondition?: string
}

export type FlowElement = {
  id: string
  kind: ElementKind
  name?: string
  /** The process or embedded subprocess the element sits in. */
  scopeId: string
  incoming: string[]
  outgoing: string[]
  defaultFlow?: string
  event?: EventDefinition
  attachedTo?: string
  cancelActivity?: boolean
  boundaryIds: string[]
  /** Subprocess: its none start event. */
  startEventId?: string
  multiInstance?: MultiInstance
  assignee?: AssigneeRule
  formKey?: string
  dueWorkingDays?: number
  opinionRequired?: boolean
  handler?: string
  retries?: number
  retryBackoff?: string
  calledElement?: string
}

export type SequenceFlow = { id: string; sourceId: string; targetId: string; name?: string; condition?: string }

/** A process compiled for execution: plain JSON, cached per deployed version. */
export type ProcessModel = {
  processId: string
  name: string
  startEventId: string
  leadDepartment?: string
  elements: Record<string, FlowElement>
  flows: Record<string, SequenceFlow>
  /** Inclusive joins: every element from which a token can still reach the join (OR-join semantics). */
  inclusiveUpstream: Record<string, string[]>
}

export type DeploymentProblem = { element: string; type: string; message: string }
export type DeploymentWarning = { element: string; message: string }

export type CompiledDefinitions = {
  processes: ProcessModel[]
  warnings: DeploymentWarning[]
}

/** What deployment may check names against: login names, department codes and role codes. */
export type KnownNames = {
  loginNames: ReadonlySet<string>
  departmentCodes: ReadonlySet<string>
  roles: ReadonlySet<string>
}

export class DefinitionError extends Error {
  override readonly name = 'DefinitionError'
  constructor(
    readonly reason: 'xml' | 'unsupported' | 'condition' | 'invalid',
    message: string,
    readonly problems: DeploymentProblem[] = [],
    readonly line?: number,
  ) {
    super(message)
  }
}

// biome-ignore lint/suspicious/noExplicitAny: bpmn-moddle elements are dynamic objects.
type Node = any

const VENDOR_PREFIXES = ['camunda', 'flowable', 'activiti', 'zeebe']
const USED_VENDOR_ATTRIBUTES = new Set([
  'assignee',
  'candidateGroups',
  'candidateUsers',
  'collection',
  'elementVariable',
])
const IGNORED_TYPES = new Set([
  'bpmn:SequenceFlow',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:Group',
])
const KIND_OF_TYPE: Record<string, ElementKind> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'task',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
}
// Which event definitions each event kind supports; anything else is refused at deployment.
const SUPPORTED_EVENTS: Partial<Record<ElementKind, readonly string[]>> = {
  startEvent: [],
  endEvent: ['terminate', 'error'],
  intermediateThrowEvent: [],
  intermediateCatchEvent: ['timer', 'message'],
  boundaryEvent: ['timer', 'error', 'message'],
}

function attribute(node: Node, name: string): string | undefined {
  const value = node.get ? node.get(name) : undefined
  const raw = value ?? node.$attrs?.[name]
  return raw === undefined || raw === null || raw === '' ? undefined : String(raw)
}

function vendorAttribute(node: Node, name: string): string | undefined {
  for (const prefix of VENDOR_PREFIXES) {
    const value = node.$attrs?.[`${prefix}:${name}`]
    if (value !== undefined && value !== '') return String(value)
  }
  return undefined
}

const moddle = new BpmnModdle({ tongban: tongbanDescriptor })

function eventKindOf(definition: Node): string {
  return String(definition.$type)
    .replace(/^bpmn:/, '')
    .replace(/EventDefinition$/, '')
    .toLowerCase()
}

/** Parses ISO 8601 durations such as P2D, PT30M, P1DT2H into milliseconds (months and years refused). */
export function parseDuration(text: string): { ms: number; days: number } | undefined {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim())
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined
  const [, weeks, days, hours, minutes, seconds] = match
  const totalDays = Number(weeks ?? 0) * 7 + Number(days ?? 0)
  const ms = ((totalDays * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60_000 + Number(seconds ?? 0) * 1000
  return { ms, days: totalDays }
}

type Context = {
  known?: KnownNames
  problems: DeploymentProblem[]
  warnings: DeploymentWarning[]
}

function checkCondition(context: Context, elementId: string, type: string, text: string | undefined): void {
  if (!text) return
  try {
    compileExpression(text)
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error
    context.problems.push({ element: elementId, type, message: error.message })
  }
}

function warnVendorExtensions(context: Context, node: Node): void {
  for (const key of Object.keys(node.$attrs ?? {})) {
    const [prefix, name] = key.split(':')
    if (!prefix || !name || !VENDOR_PREFIXES.includes(prefix)) continue
    if (USED_VENDOR_ATTRIBUTES.has(name)) continue
    context.warnings.push({ element: node.id, message: `忽略扩展属性 ${key}（引擎不使用）` })
  }
  for (const value of node.extensionElements?.values ?? []) {
    const type = String(value.$type ?? '')
    if (type.startsWith('tongban:')) continue
    context.warnings.push({ element: node.id, message: `忽略扩展元素 ${type}（引擎不使用）` })
  }
}

function readAssignee(context: Context, node: Node): AssigneeRule | undefined {
  const rule = attribute(node, 'tongban:assigneeRule')
  const role = attribute(node, 'tongban:role')
  if (rule) {
    switch (rule) {
      case 'user': {
        const user = attribute(node, 'tongban:user')
        if (!user) break
        return { kind: 'user', user }
      }
      case 'department-role': {
        const department = attribute(node, 'tongban:department')
        if (!department) break
        if (!isExpressionText(department) && context.known && !context.known.departmentCodes.has(department)) {
          context.problems.push({ element: node.id, type: node.$type, message: `未知的部门编码 ${department}` })
        }
        return { kind: 'department-role', department, ...(role ? { role } : {}) }
      }
      case 'lead-department':
        return { kind: 'lead-department', ...(role ? { role } : {}) }
      case 'previous-leader':
        return { kind: 'previous-leader' }
    }
    context.problems.push({ element: node.id, type: node.$type, message: `办理人规则 ${rule} 不完整或无法识别` })
    return undefined
  }
  // Camunda/Flowable files deploy unchanged: their assignee and candidate groups map where they name what we know.
  const assignee = vendorAttribute(node, 'assignee')
  if (assignee) {
    if (isExpressionText(assignee) || !context.known || context.known.loginNames.has(assignee.toLowerCase())) {
      return { kind: 'user', user: isExpressionText(assignee) ? assignee : assignee.toLowerCase() }
    }
    context.warnings.push({ element: node.id, message: `办理人 ${assignee} 不是已知的账号，任务将由牵头部门认领` })
  }
  const groups = vendorAttribute(node, 'candidateGroups')
  if (groups) {
    for (const group of groups.split(',').map((value) => value.trim())) {
      if (!context.known || context.known.roles.has(group)) return { kind: 'role', role: group }
      if (context.known.departmentCodes.has(group)) return { kind: 'department-role', department: group }
    }
    context.warnings.push({ element: node.id, message: `候选组 ${groups} 不是已知的角色或部门，任务将由牵头部门认领` })
  }
  return undefined
}

function readMultiInstance(context: Context, node: Node): MultiInstance | undefined {
  const loop = node.loopCharacteristics
  if (!loop) return undefined
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics' || node.$type !== 'bpmn:UserTask') {
    context.problems.push({
      element: node.id,
      type: `${node.$type}(${String(loop.$type).replace('bpmn:', '')})`,
      message: '只支持用户任务的多实例（会签/或签）',
    })
    return undefined
  }
  const countersign = attribute(node, 'tongban:countersign')
  let completionCondition: string | undefined = loop.completionCondition?.body
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a JUEL condition, evaluated by expression.ts
  if (countersign === 'first') completionCondition = '${nrOfCompletedInstances >= 1}'
  else if (countersign?.startsWith('ratio:')) {
    const ratio = Number(countersign.slice('ratio:'.length))
    if (!(ratio > 0 && ratio <= 1)) {
      context.problems.push({ element: node.id, type: node.$type, message: `会签比例 ${countersign} 应在 0 和 1 之间` })
    }
    completionCondition = `\${nrOfCompletedInstances / nrOfInstances >= ${ratio}}`
  } else if (countersign && countersign !== 'all') {
    context.problems.push({ element: node.id, type: node.$type, message: `会签规则 ${countersign} 无法识别` })
  }
  checkCondition(context, node.id, node.$type, completionCondition)
  const cardinality: string | undefined = loop.loopCardinality?.body
  checkCondition(context, node.id, node.$type, cardinality)
  const collection = attribute(node, 'tongban:collection') ?? vendorAttribute(loop, 'collection')
  if (!collection && !cardinality) {
    context.problems.push({
      element: node.id,
      type: node.$type,
      message: '多实例任务需要集合变量（collection）或实例数',
    })
  }
  const elementVariable = attribute(node, 'tongban:elementVariable') ?? vendorAttribute(loop, 'elementVariable')
  return {
    isSequential: Boolean(loop.isSequential),
    ...(collection ? { collection } : {}),
    ...(elementVariable ? { elementVariable } : {}),
    ...(cardinality ? { cardinality } : {}),
    ...(completionCondition ? { completionCondition } : {}),
  }
}

function readEvent(context: Context, node: Node, kind: ElementKind): EventDefinition | undefined {
  const definitions: Node[] = node.eventDefinitions ?? []
  const supported = SUPPORTED_EVENTS[kind] ?? []
  if (definitions.length > 1) {
    context.problems.push({ element: node.id, type: node.$type, message: '不支持多个事件定义' })
    return undefined
  }
  const definition = definitions[0]
  if (!definition) {
    if (kind === 'boundaryEvent' || kind === 'intermediateCatchEvent') {
      context.problems.push({ element: node.id, type: node.$type, message: '缺少事件定义' })
    }
    return undefined
  }
  const eventKind = eventKindOf(definition)
  if (!supported.includes(eventKind)) {
    context.problems.push({
      element: node.id,
      type: `${node.$type}(${eventKind})`,
      message: `不支持的事件类型 ${eventKind}`,
    })
    return undefined
  }
  switch (eventKind) {
    case 'terminate':
      return { kind: 'terminate' }
    case 'error':
      return { kind: 'error', ...(definition.errorRef?.errorCode ? { errorCode: definition.errorRef.errorCode } : {}) }
    case 'message': {
      const messageName = definition.messageRef?.name ?? definition.messageRef?.id
      if (!messageName) {
        context.problems.push({ element: node.id, type: node.$type, message: '消息事件需要引用一个消息（message）' })
        return undefined
      }
      return { kind: 'message', messageName }
    }
    default: {
      const workingDays = attribute(definition, 'tongban:workingDays') === 'true'
      if (definition.timeCycle) {
        context.problems.push({ element: node.id, type: `${node.$type}(timeCycle)`, message: '不支持循环定时器' })
        return undefined
      }
      const duration: string | undefined = definition.timeDuration?.body?.trim()
      const date: string | undefined = definition.timeDate?.body?.trim()
      if (duration && !isExpressionText(duration)) {
        const parsed = parseDuration(duration)
        if (!parsed) {
          context.problems.push({ element: node.id, type: node.$type, message: `无法识别的时长 ${duration}` })
        } else if (workingDays && parsed.ms !== parsed.days * 86_400_000) {
          context.problems.push({
            element: node.id,
            type: node.$type,
            message: `工作日时长只能是整天（PnD），而不是 ${duration}`,
          })
        }
      }
      if (date && !isExpressionText(date) && Number.isNaN(Date.parse(date))) {
        context.problems.push({ element: node.id, type: node.$type, message: `无法识别的时间 ${date}` })
      }
      if (!duration && !date) {
        context.problems.push({
          element: node.id,
          type: node.$type,
          message: '定时器需要时长（timeDuration）或时间（timeDate）',
        })
        return undefined
      }
      return { kind: 'timer', ...(duration ? { duration } : {}), ...(date ? { date } : {}), workingDays }
    }
  }
}

function compileScope(
  context: Context,
  scope: Node,
  scopeId: string,
  elements: Record<string, FlowElement>,
  flows: Record<string, SequenceFlow>,
): string | undefined {
  let startEventId: string | undefined
  for (const node of (scope.flowElements ?? []) as Node[]) {
    const type = String(node.$type)
    if (type === 'bpmn:SequenceFlow') {
      const condition: string | undefined = node.conditionExpression?.body
      checkCondition(context, node.id, type, condition)
      flows[node.id] = {
        id: node.id,
        sourceId: node.sourceRef?.id,
        targetId: node.targetRef?.id,
        ...(node.name ? { name: node.name } : {}),
        ...(condition ? { condition } : {}),
      }
      continue
    }
    if (IGNORED_TYPES.has(type)) continue
    const kind = KIND_OF_TYPE[type]
    if (!kind || (kind === 'subProcess' && node.triggeredByEvent)) {
      context.problems.push({ element: node.id, type, message: `不支持的元素 ${type}` })
      continue
    }
    warnVendorExtensions(context, node)
    const element: FlowElement = {
      id: node.id,
      kind,
      scopeId,
      incoming: [],
      outgoing: [],
      boundaryIds: [],
      ...(node.name ? { name: String(node.name) } : {}),
    }
    if (node.default?.id) element.defaultFlow = node.default.id
    if (SUPPORTED_EVENTS[kind]) {
      const event = readEvent(context, node, kind)
      if (event) element.event = event
    }
    if (kind === 'startEvent') {
      if (startEventId) context.problems.push({ element: node.id, type, message: '一个流程或子流程只能有一个开始事件' })
      startEventId = node.id
    }
    if (kind === 'boundaryEvent') {
      element.attachedTo = node.attachedToRef?.id
      element.cancelActivity = node.cancelActivity !== false
    }
    if (kind === 'userTask') {
      const assignee = readAssignee(context, node)
      if (assignee) element.assignee = assignee
      const formKey = attribute(node, 'tongban:formKey') ?? vendorAttribute(node, 'formKey')
      if (formKey) element.formKey = formKey
      const due = attribute(node, 'tongban:dueWorkingDays')
      if (due) element.dueWorkingDays = Number(due)
      if (attribute(node, 'tongban:opinionRequired') === 'true') element.opinionRequired = true
    }
    if (kind === 'serviceTask') {
      const handler =
        attribute(node, 'tongban:handler') ?? vendorAttribute(node, 'topic') ?? vendorAttribute(node, 'type')
      if (handler) element.handler = handler
      else
        context.warnings.push({
          element: node.id,
          message: '服务任务没有指定处理程序（tongban:handler），执行时将产生事件',
        })
      const retries = attribute(node, 'tongban:retries')
      if (retries) element.retries = Number(retries)
      const backoff = attribute(node, 'tongban:retryBackoff')
      if (backoff) element.retryBackoff = backoff
    }
    if (kind === 'receiveTask') {
      const messageName = node.messageRef?.name ?? node.messageRef?.id
      if (!messageName)
        context.problems.push({ element: node.id, type, message: '接收任务需要引用一个消息（messageRef）' })
      else element.event = { kind: 'message', messageName }
    }
    if (kind === 'callActivity') {
      if (!node.calledElement) {
        context.problems.push({ element: node.id, type, message: '调用活动需要 calledElement（被调用流程的标识）' })
      } else element.calledElement = String(node.calledElement)
    }
    if (node.loopCharacteristics) {
      const multiInstance = readMultiInstance(context, node)
      if (multiInstance) element.multiInstance = multiInstance
    }
    elements[node.id] = element
    if (kind === 'subProcess') {
      const start = compileScope(context, node, node.id, elements, flows)
      if (!start) context.problems.push({ element: node.id, type, message: '子流程需要一个空开始事件' })
      else element.startEventId = start
    }
  }
  return startEventId
}

function computeInclusiveUpstream(model: ProcessModel): void {
  const incomingOf = (id: string) => model.elements[id]?.incoming ?? []
  for (const element of Object.values(model.elements)) {
    if (element.kind !== 'inclusiveGateway' || element.incoming.length < 2) continue
    const seen = new Set<string>()
    const stack = incomingOf(element.id).map((flowId) => model.flows[flowId]?.sourceId as string)
    while (stack.length > 0) {
      const id = stack.pop() as string
      if (id === element.id || seen.has(id)) continue
      seen.add(id)
      for (const flowId of incomingOf(id)) stack.push(model.flows[flowId]?.sourceId as string)
      // A token waiting inside an activity's boundary can also come out through the boundary event.
      const node = model.elements[id]
      if (node?.kind === 'boundaryEvent' && node.attachedTo) stack.push(node.attachedTo)
    }
    model.inclusiveUpstream[element.id] = [...seen]
  }
}

function buildModel(context: Context, process: Node): ProcessModel | undefined {
  const elements: Record<string, FlowElement> = {}
  const flows: Record<string, SequenceFlow> = {}
  const startEventId = compileScope(context, process, process.id, elements, flows)
  for (const flow of Object.values(flows)) {
    const source = elements[flow.sourceId]
    const target = elements[flow.targetId]
    if (!source || !target) {
      context.problems.push({
        element: flow.id,
        type: 'bpmn:SequenceFlow',
        message: '连线的起点或终点不存在或不受支持',
      })
      continue
    }
    source.outgoing.push(flow.id)
    target.incoming.push(flow.id)
  }
  for (const element of Object.values(elements)) {
    if (element.kind === 'boundaryEvent') {
      const host = element.attachedTo ? elements[element.attachedTo] : undefined
      if (!host)
        context.problems.push({ element: element.id, type: 'bpmn:BoundaryEvent', message: '边界事件没有依附的活动' })
      else host.boundaryIds.push(element.id)
    }
  }
  if (!startEventId) {
    context.problems.push({ element: process.id, type: 'bpmn:Process', message: '流程需要一个空开始事件' })
    return undefined
  }
  const leadDepartment = attribute(process, 'tongban:leadDepartment')
  const model: ProcessModel = {
    processId: process.id,
    name: process.name ?? process.id,
    startEventId,
    ...(leadDepartment ? { leadDepartment } : {}),
    elements,
    flows,
    inclusiveUpstream: {},
  }
  computeInclusiveUpstream(model)
  return model
}

function lineOf(message: string): number | undefined {
  const match = /line: (\d+)/.exec(message)
  return match ? Number(match[1]) + 1 : undefined
}

/**
 * Parses BPMN 2.0 XML (bpmn-js, Camunda and Flowable modelers) into executable process models.
 * Throws DefinitionError: bad XML (with the line), unsupported elements, conditions that do not parse.
 */
export async function compileDefinitions(xml: string, known?: KnownNames): Promise<CompiledDefinitions> {
  let parsed: Awaited<ReturnType<typeof moddle.fromXML>>
  try {
    parsed = await moddle.fromXML(xml, 'bpmn:Definitions')
  } catch (error) {
    const message = (error as Error).message
    const line = lineOf(message)
    const reason = message
      .split('\n')
      .find((part) => part.includes('nested error'))
      ?.replace(/\s*nested error:\s*/, '')
    throw new DefinitionError(
      'xml',
      `BPMN XML 无法解析${line ? `（第 ${line} 行）` : ''}：${reason ?? message}`,
      [],
      line,
    )
  }
  const context: Context = { problems: [], warnings: [], ...(known ? { known } : {}) }
  for (const warning of parsed.warnings) {
    const message = String(warning.message)
    const unknown = /unknown type <([^>]+)>/.exec(message)
    const line = lineOf(message)
    if (unknown?.[1]?.startsWith('bpmn:')) {
      context.problems.push({
        element: `line ${line ?? '?'}`,
        type: unknown[1],
        message: `不支持的元素 ${unknown[1]}${line ? `（第 ${line} 行）` : ''}`,
      })
    } else {
      context.warnings.push({ element: line ? `line ${line}` : '', message: `已忽略：${message.split('\n')[0]}` })
    }
  }
  const root: Node = parsed.rootElement
  const processes: Node[] = (root.rootElements ?? []).filter((element: Node) => element.$type === 'bpmn:Process')
  const executable = processes.filter((process) => process.isExecutable)
  // The bpmn-js demo draws processes with isExecutable="false"; take those when nothing is marked executable.
  const chosen = (executable.length > 0 ? executable : processes).filter(
    (process) => (process.flowElements ?? []).length > 0,
  )
  if (chosen.length === 0) throw new DefinitionError('invalid', 'BPMN 文件中没有可执行的流程', [])
  const models: ProcessModel[] = []
  for (const process of chosen) {
    const model = buildModel(context, process)
    if (model) models.push(model)
  }
  const unsupported = context.problems.filter((problem) => problem.message.startsWith('不支持'))
  if (unsupported.length > 0) {
    const list = unsupported.map((problem) => `${problem.type}（${problem.element}）`).join('、')
    throw new DefinitionError('unsupported', `流程包含不支持的元素：${list}`, context.problems)
  }
  const conditions = context.problems.filter((problem) => problem.message.startsWith('表达式'))
  if (conditions.length > 0) {
    const list = conditions.map((problem) => `${problem.element}：${problem.message}`).join('；')
    throw new DefinitionError('condition', `条件表达式无法解析：${list}`, context.problems)
  }
  if (context.problems.length > 0) {
    const list = context.problems.map((problem) => `${problem.element}：${problem.message}`).join('；')
    throw new DefinitionError('invalid', `流程定义有误：${list}`, context.problems)
  }
  return { processes: models, warnings: context.warnings }
}
