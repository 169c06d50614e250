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
  /** A candidate group, user or assignee that names nobody in Tongban: the task is claimable by nobody (issue 13). */
  | { kind: 'unmapped'; what: 'group' | 'user'; name: string }

/** The candidate role a task gets when its assignment maps to nobody: no staff member holds it. */
export const UNMAPPED_ROLE_PREFIX = 'unmapped:'

export type EventDefinition =
  | { kind: 'terminate' }
  | { kind: 'timer'; duration?: string; date?: string; cycle?: string; workingDays: boolean }
  | { kind: 'message'; messageName: string }
  | { kind: 'error'; errorCode?: string }

export type MultiInstance = {
  isSequential: boolean
  collection?: string
  elementVariable?: string
  /** loopDataOutputRef / outputDataItem: each instance's `outputElement` is gathered, in order, into this variable. */
  outputCollection?: string
  outputElement?: string
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
  /** External task: the topic outside workers fetch it by (camunda:type="external", zeebe:taskDefinition, tongban:topic). */
  externalTopic?: string
  /**
   * Call activity variable passing when the file says how (camunda:/flowable: in/out, zeebe:input/output, BPMN data
   * associations); without it every variable goes in and every variable comes back (README).
   */
  callMapping?: CallMapping
}

export type VariableMapping = { source?: string; sourceExpression?: string; target: string }
export type CallMapping = { inAll: boolean; in: VariableMapping[]; outAll: boolean; out: VariableMapping[] }

export type SequenceFlow = { id: string; sourceId: string; targetId: string; name?: string; condition?: string }

/** A process compiled for execution: plain JSON, cached per deployed version. */
export type ProcessModel = {
  processId: string
  name: string
  startEventId: string
  leadDepartment?: string
  elements: Record<string, FlowElement>
  flows: Record<string, SequenceFlow>
  /** Deployed although marked isExecutable="false" (no process in the file was marked executable). */
  notExecutable?: boolean
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
  'inheritVariables',
  'type',
  'topic',
  'assignee',
  'candidateGroups',
  'candidateUsers',
  'collection',
  'elementVariable',
])
// Extension elements the engine reads (call activity mappings, Camunda 8 task and call definitions).
const USED_EXTENSION_ELEMENTS = new Set([
  'camunda:in',
  'camunda:out',
  'flowable:in',
  'flowable:out',
  'activiti:in',
  'activiti:out',
  'zeebe:ioMapping',
  'zeebe:calledElement',
  'zeebe:taskDefinition',
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

/** Chinese names of BPMN element types, for deploy answers a modeler understands (issue 13 item 9). */
const TYPE_LABEL: Record<string, string> = {
  'bpmn:Process': '流程',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:UserTask': '用户任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:Task': '任务',
  'bpmn:ManualTask': '人工任务',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:SubProcess': '子流程',
  'bpmn:Transaction': '事务子流程',
  'bpmn:CallActivity': '调用活动',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:SequenceFlow': '连线',
}

/** What to draw instead of an element the engine does not run. */
const UNSUPPORTED_HINT: Record<string, string> = {
  'bpmn:ScriptTask':
    '引擎不执行脚本：请改为服务任务（tongban:handler 指定处理程序）或外部任务（camunda:type="external"）',
  'bpmn:BusinessRuleTask': '请改为服务任务（tongban:handler）或在排他网关的条件中写规则',
  'bpmn:SendTask': '请改为服务任务或外部任务，由处理程序或外部系统发送',
  'bpmn:ComplexGateway': '请改为排他网关或包容网关',
  'bpmn:EventBasedGateway': '请改为带消息或定时器边界事件的接收任务',
  'bpmn:Transaction': '请改为普通子流程',
  'bpmn:SubProcess': '事件子流程暂不支持：请改为边界事件',
  'bpmn:AdHocSubProcess': '请改为普通子流程',
  'bpmn:ChoreographyTask': '请改为用户任务或服务任务',
}

const EVENT_HINT: Record<string, string> = {
  signal: '信号事件暂不支持：请改用消息事件（按业务标识关联）',
  escalation: '升级事件暂不支持：请改用错误边界事件或消息事件',
  compensate: '补偿事件暂不支持：请改为显式的撤销环节',
  conditional: '条件事件暂不支持：请改用排他网关或定时器',
  link: '链接事件暂不支持：请直接连线',
  cancel: '取消事件暂不支持：请改用终止结束事件',
  timer: '开始事件上的定时器暂不支持：请由业务系统按时发起流程',
  message: '消息开始事件暂不支持：请由业务系统收到消息后发起流程',
}

/** 「用户任务“审查”（review）」: what a deploy answer calls an element. */
export function describeElement(type: string, id: string | undefined, name?: string): string {
  const label = TYPE_LABEL[type] ?? type.replace(/^bpmn:/, '')
  return `${label}${name ? `“${name}”` : ''}（${id ?? '无标识'}）`
}

function describeNode(node: Node): string {
  return describeElement(String(node.$type), node.id, node.name ? String(node.name) : undefined)
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

/**
 * ISO 8601 repeating intervals as Camunda and Flowable read timeCycle: `R3/PT1H` (three times, hourly), `R/P1D`
 * (every day while the activity lasts), `R2/2026-12-01T09:00:00+08:00/PT30M` (first at the given time).
 */
export function parseCycle(text: string): { repetitions: number | null; start?: string; ms: number } | undefined {
  const match = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/.exec(text.trim())
  if (!match) return undefined
  const interval = parseDuration(match[3] as string)
  if (!interval || interval.ms <= 0) return undefined
  if (match[2] && Number.isNaN(Date.parse(match[2]))) return undefined
  return {
    repetitions: match[1] ? Number(match[1]) : null,
    ...(match[2] ? { start: match[2] } : {}),
    ms: interval.ms,
  }
}

type Context = {
  known?: KnownNames
  problems: DeploymentProblem[]
  warnings: DeploymentWarning[]
  /** `loopDataInputRef`/`loopDataOutputRef` that name a process variable rather than an element (Flowable style). */
  loopRefs?: WeakMap<Node, { input?: string; output?: string }>
  /** Data associations whose source/target name a variable rather than an element. */
  associationRefs?: WeakMap<Node, { sources: string[]; target?: string }>
}

type ParserWarning = { message: string; element?: Node; property?: string; value?: unknown }

/**
 * Turns what bpmn-moddle reports while reading into Chinese deploy answers. Anything that made the parser drop or
 * lose part of the process is refused (a dropped element would run as if it were not there); what only affects the
 * drawing or an attribute we do not use is a warning.
 */
function readParserWarnings(
  context: Context,
  warnings: ParserWarning[],
  xmlLines: string[],
  byId: Record<string, Node>,
) {
  const loopRefs = new WeakMap<Node, { input?: string; output?: string }>()
  const associationRefs = new WeakMap<Node, { sources: string[]; target?: string }>()
  context.associationRefs = associationRefs
  for (const warning of warnings) {
    const message = String(warning.message)
    const line = lineOf(message)
    const at = line ? `（第 ${line} 行）` : ''
    const where = line ? `line ${line}` : ''
    const unknown = /unknown type <([^>]+)>/.exec(message)
    const duplicate = /duplicate ID <([^>]+)>/.exec(message)
    const unresolved = /unresolved reference <([^>]+)>/.exec(message)
    const unparsable = /unparsable content <([^>]+)>/.exec(message)
    const owner: Node = warning.element
    const ownerType = String(owner?.$type ?? '')
    if (unknown?.[1]?.startsWith('bpmn:')) {
      context.problems.push({
        element: where || '?',
        type: unknown[1],
        message: `不支持的元素 ${describeElement(unknown[1], undefined)}${at}：引擎不会执行它，请改用支持的元素`,
      })
    } else if (unknown) {
      context.warnings.push({ element: where, message: `忽略无法识别的元素 ${unknown[1]}${at}` })
    } else if (duplicate) {
      // The parser drops the second element; for a sequence flow, name the node that would lose it.
      const text = line ? (xmlLines[line - 1] ?? '') : ''
      const source = /sourceRef="([^"]+)"/.exec(text)?.[1]
      const target = /targetRef="([^"]+)"/.exec(text)?.[1]
      const node = source ? byId[source] : undefined
      const lost =
        node && target
          ? `${describeNode(node)}通往 ${target} 的连线会丢失，令牌会少走一条路；`
          : `同一标识的第二个元素 <${unparsable?.[1] ?? '?'}> 会被丢弃；`
      context.problems.push({
        element: source ?? (duplicate[1] as string),
        type: String(node?.$type ?? 'bpmn:SequenceFlow'),
        message: `标识 ${duplicate[1]} 重复${at}：${lost}请为它改用唯一的标识`,
      })
    } else if (
      unresolved &&
      (warning.property === 'bpmn:loopDataInputRef' || warning.property === 'bpmn:loopDataOutputRef')
    ) {
      // Flowable writes the collection variable's name here (<loopDataInputRef>assigneeList</loopDataInputRef>).
      const refs = loopRefs.get(owner) ?? {}
      if (warning.property === 'bpmn:loopDataInputRef') refs.input = unresolved[1]
      else refs.output = unresolved[1]
      loopRefs.set(owner, refs)
    } else if (
      unresolved &&
      (ownerType === 'bpmn:DataInputAssociation' || ownerType === 'bpmn:DataOutputAssociation') &&
      (warning.property === 'bpmn:sourceRef' || warning.property === 'bpmn:targetRef')
    ) {
      // <sourceRef>area</sourceRef> naming a process variable, as engines that run data associations read it.
      const refs = associationRefs.get(owner) ?? { sources: [] }
      if (warning.property === 'bpmn:sourceRef') refs.sources.push(unresolved[1] as string)
      else refs.target = unresolved[1]
      associationRefs.set(owner, refs)
    } else if (
      unresolved &&
      (ownerType.startsWith('bpmndi:') || ownerType.startsWith('di:') || ownerType.startsWith('dc:'))
    ) {
      context.warnings.push({ element: where, message: `图形中引用的元素 ${unresolved[1]} 不存在，已忽略该图形${at}` })
    } else if (unresolved) {
      context.problems.push({
        element: owner?.id ?? where,
        type: ownerType,
        message: `${describeNode(owner ?? {})}的 ${String(warning.property ?? '').replace(/^bpmn:/, '')} 引用了不存在的标识 ${unresolved[1]}${at}，请改为文件中已有元素的标识`,
      })
    } else if (/unknown attribute <([^>]+)>/.test(message)) {
      const name = /unknown attribute <([^>]+)>/.exec(message)?.[1]
      context.warnings.push({
        element: owner?.id ?? where,
        message: `忽略无法识别的属性 ${name}${owner ? `（${describeNode(owner)}）` : at}`,
      })
    } else if (unparsable) {
      context.problems.push({
        element: where || '?',
        type: unparsable[1] as string,
        message: `元素 <${unparsable[1]}>${at}无法读取，会被丢弃：请检查它的属性值和写法`,
      })
    } else {
      context.warnings.push({ element: where, message: `文件中有无法识别的内容${at}，已忽略` })
    }
  }
  return loopRefs
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
    if (USED_EXTENSION_ELEMENTS.has(type)) continue
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
  // Camunda/Flowable files deploy unchanged; BPMN's own potentialOwner / humanPerformer map by the same rule
  // (README "办理人映射"): a user is a Tongban login name, a group a role code or a department code.
  const standard = readStandardPerformers(node)
  const assignee = vendorAttribute(node, 'assignee') ?? standard.users[0]
  if (assignee) return mapUser(context, node, assignee)
  const candidateUsers = vendorAttribute(node, 'candidateUsers')
  if (candidateUsers) {
    const users = candidateUsers
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean)
    const known = users.find(
      (user) => isExpressionText(user) || !context.known || context.known.loginNames.has(user.toLowerCase()),
    )
    if (known) return mapUser(context, node, known)
    return mapUser(context, node, users.join(','))
  }
  const groups = [...(vendorAttribute(node, 'candidateGroups') ?? '').split(','), ...standard.groups]
    .map((value) => value.trim())
    .filter(Boolean)
  if (groups.length > 0) {
    for (const group of groups) {
      if (isExpressionText(group)) return { kind: 'department-role', department: group }
      if (!context.known || context.known.roles.has(group)) return { kind: 'role', role: group }
      if (context.known.departmentCodes.has(group)) return { kind: 'department-role', department: group }
    }
    const name = groups.join(',')
    context.warnings.push({
      element: node.id,
      message: `${describeNode(node)}的候选组 ${name} 不是 Tongban 的角色编码或部门编码：任务将无人可以认领，并产生一条事件，直到中心管理人员指定办理人；请改为角色编码（如 department_reviewer）或部门编码`,
    })
    return { kind: 'unmapped', what: 'group', name }
  }
  return undefined
}

function mapUser(context: Context, node: Node, user: string): AssigneeRule {
  if (isExpressionText(user)) return { kind: 'user', user }
  if (!context.known || context.known.loginNames.has(user.toLowerCase()))
    return { kind: 'user', user: user.toLowerCase() }
  context.warnings.push({
    element: node.id,
    message: `${describeNode(node)}的办理人 ${user} 不是 Tongban 的账号：任务将无人可以认领，并产生一条事件，直到中心管理人员指定办理人`,
  })
  return { kind: 'unmapped', what: 'user', name: user }
}

/**
 * BPMN 2.0 resource roles: `humanPerformer` names the assignee, `potentialOwner` the candidates. In the expression,
 * `user(x)` and `group(x)` say which (comma-separated lists allowed); plain text is a user for humanPerformer and a
 * group for potentialOwner, as Flowable and Activiti read it.
 */
function readStandardPerformers(node: Node): { users: string[]; groups: string[] } {
  const users: string[] = []
  const groups: string[] = []
  for (const resource of (node.resources ?? []) as Node[]) {
    const type = String(resource.$type)
    if (type !== 'bpmn:HumanPerformer' && type !== 'bpmn:PotentialOwner' && type !== 'bpmn:Performer') continue
    const body = String(resource.resourceAssignmentExpression?.expression?.body ?? '').trim()
    if (!body) continue
    const parts = isExpressionText(body) ? [body] : body.split(/,(?![^(]*\))/).map((part) => part.trim())
    for (const part of parts) {
      const tagged = /^(user|group)\(([^)]*)\)$/.exec(part)
      if (tagged) {
        const names = (tagged[2] ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
        ;(tagged[1] === 'user' ? users : groups).push(...names)
      } else if (part) (type === 'bpmn:PotentialOwner' ? groups : users).push(part)
    }
  }
  return { users, groups }
}

function extensionValues(node: Node): Node[] {
  return (node.extensionElements?.values ?? []) as Node[]
}

/** camunda:/flowable:/activiti: in and out (Camunda 7, Flowable), zeebe:input/output (Camunda 8), data associations. */
function readCallMapping(context: Context, node: Node): CallMapping | undefined {
  const mapping: CallMapping = { inAll: false, in: [], outAll: false, out: [] }
  let present = false
  const simpleName = (text: string | undefined) => (text?.startsWith('=') ? text.slice(1).trim() : text)
  for (const value of extensionValues(node)) {
    const [prefix, name] = String(value.$type).split(':')
    if (!prefix || !name) continue
    if (['camunda', 'flowable', 'activiti'].includes(prefix) && (name === 'in' || name === 'out')) {
      present = true
      if (value.businessKey !== undefined) continue // the child always inherits the business key
      const list = name === 'in' ? mapping.in : mapping.out
      if (value.variables === 'all') {
        if (name === 'in') mapping.inAll = true
        else mapping.outAll = true
      } else if (value.target && (value.source || value.sourceExpression)) {
        list.push({
          target: String(value.target),
          ...(value.source ? { source: String(value.source) } : {}),
          ...(value.sourceExpression ? { sourceExpression: String(value.sourceExpression) } : {}),
        })
      }
    } else if (prefix === 'zeebe' && name === 'ioMapping') {
      present = true
      for (const io of (value.$children ?? []) as Node[]) {
        const [, ioName] = String(io.$type).split(':')
        const source = simpleName(io.source)
        if (!io.target || !source) continue
        const entry = /^[A-Za-z_$][\w$]*$/.test(source)
          ? { source, target: String(io.target) }
          : { sourceExpression: `\${${source}}`, target: String(io.target) }
        ;(ioName === 'input' ? mapping.in : mapping.out).push(entry)
      }
    } else if (prefix === 'zeebe' && name === 'calledElement') {
      if (value.propagateAllChildVariables !== 'false') mapping.outAll = true
      if (value.propagateAllParentVariables !== 'false') mapping.inAll = true
    }
  }
  const inherit = vendorAttribute(node, 'inheritVariables')
  if (inherit === 'true') {
    present = true
    mapping.inAll = true
  }
  const associations = (list: Node[] | undefined, target: VariableMapping[]) => {
    for (const association of list ?? []) {
      present = true
      const raw = context.associationRefs?.get(association)
      const sources = [
        ...((association.sourceRef ?? []) as Node[]).map((ref) => String(ref.name ?? ref.id)),
        ...(raw?.sources ?? []),
      ]
      const to = association.targetRef ? String(association.targetRef.name ?? association.targetRef.id) : raw?.target
      if (sources[0] && to) target.push({ source: sources[0], target: to })
    }
  }
  associations(node.dataInputAssociations, mapping.in)
  associations(node.dataOutputAssociations, mapping.out)
  return present ? mapping : undefined
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
  // BPMN 2.0 standard data: loopDataInputRef names the collection (an element — property, data object, data input —
  // by its name, or, as Flowable writes it, a process variable), inputDataItem the variable each instance gets.
  const refs = context.loopRefs?.get(loop)
  const standardInput: string | undefined = loop.loopDataInputRef
    ? String(loop.loopDataInputRef.name ?? loop.loopDataInputRef.id)
    : refs?.input
  const standardOutput: string | undefined = loop.loopDataOutputRef
    ? String(loop.loopDataOutputRef.name ?? loop.loopDataOutputRef.id)
    : refs?.output
  const collection = attribute(node, 'tongban:collection') ?? vendorAttribute(loop, 'collection') ?? standardInput
  if (!collection && !cardinality) {
    context.problems.push({
      element: node.id,
      type: node.$type,
      message: '多实例任务需要集合变量（collection）或实例数',
    })
  }
  const elementVariable =
    attribute(node, 'tongban:elementVariable') ??
    vendorAttribute(loop, 'elementVariable') ??
    (loop.inputDataItem ? String(loop.inputDataItem.name ?? loop.inputDataItem.id ?? '') || undefined : undefined)
  const outputItem = loop.outputDataItem
    ? String(loop.outputDataItem.name ?? loop.outputDataItem.id ?? '') || undefined
    : undefined
  if (standardOutput && !outputItem) {
    context.problems.push({
      element: node.id,
      type: node.$type,
      message: `${describeNode(node)}有 loopDataOutputRef（${standardOutput}）却没有 outputDataItem，请补上每个实例输出的变量名`,
    })
  }
  return {
    ...(standardOutput && outputItem ? { outputCollection: standardOutput, outputElement: outputItem } : {}),
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
    context.problems.push({
      element: node.id,
      type: node.$type,
      message: `不支持多个事件定义：${describeNode(node)}同时定义了 ${definitions.length} 个事件，请拆成多个事件`,
    })
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
      message: `不支持的事件类型：${describeNode(node)}上的 ${eventKind} 事件。${EVENT_HINT[eventKind] ?? '请改用定时器或消息事件'}`,
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
      const cycle: string | undefined = definition.timeCycle?.body?.trim()
      if (cycle) {
        if (!isExpressionText(cycle) && !parseCycle(cycle)) {
          context.problems.push({
            element: node.id,
            type: `${node.$type}(timeCycle)`,
            message: `${describeNode(node)}的循环定时器 ${cycle} 无法识别：请写成 ISO 8601 重复间隔，如 R3/PT1H（每小时一次，共 3 次）或 R/P1D；不支持 cron 表达式`,
          })
          return undefined
        }
        return { kind: 'timer', cycle, workingDays }
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
      const what = node.triggeredByEvent ? '事件子流程' : (TYPE_LABEL[type] ?? type)
      context.problems.push({
        element: node.id,
        type,
        message: `不支持的元素：${what}${node.name ? `“${node.name}”` : ''}（${type}，${node.id}）。${UNSUPPORTED_HINT[type] ?? '请改用受支持的元素'}`,
      })
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
      const zeebeTask = extensionValues(node).find((value) => value.$type === 'zeebe:taskDefinition')
      const vendorType = vendorAttribute(node, 'type')
      const externalTopic =
        attribute(node, 'tongban:topic') ??
        (vendorType === 'external' ? vendorAttribute(node, 'topic') : undefined) ??
        (zeebeTask?.type ? String(zeebeTask.type) : undefined)
      const handler = externalTopic ? undefined : (attribute(node, 'tongban:handler') ?? vendorType)
      if (vendorType === 'external' && !externalTopic) {
        context.problems.push({
          element: node.id,
          type,
          message: `${describeNode(node)}是外部任务（camunda:type="external"），但没有 camunda:topic；请填写外部系统领取任务用的主题`,
        })
      }
      if (externalTopic) element.externalTopic = externalTopic
      else if (handler) element.handler = handler
      else
        context.warnings.push({
          element: node.id,
          message: `${describeNode(node)}没有指定处理程序（tongban:handler）或外部任务主题（tongban:topic），执行时将产生事件`,
        })
      if (zeebeTask?.retries && Number.isInteger(Number(zeebeTask.retries))) element.retries = Number(zeebeTask.retries)
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
      const zeebeCalled = extensionValues(node).find((value) => value.$type === 'zeebe:calledElement')
      const called = node.calledElement ?? zeebeCalled?.processId
      if (!called) {
        context.problems.push({
          element: node.id,
          type,
          message: `${describeNode(node)}需要 calledElement（被调用流程的标识）`,
        })
      } else element.calledElement = String(called)
      const mapping = readCallMapping(context, node)
      if (mapping) element.callMapping = mapping
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

/** Every flow element of a scope and of the embedded subprocesses in it, in document order. */
function walkFlowElements(scope: Node, visit: (node: Node) => void): void {
  for (const node of (scope.flowElements ?? []) as Node[]) {
    visit(node)
    if (node.flowElements) walkFlowElements(node, visit)
  }
}

/**
 * The BPMN XSD lets sequence flows (and other elements) go without an id, and some exporters write them so. Elements
 * are keyed by identity here and given stable generated ids (the same file always gets the same ids): a flow from
 * `a` to `b` becomes `flow_a_b` (`flow_a_b_2` for a second one), another element `<type>_<n>`. Two elements that
 * share an id are refused, since one would hide the other.
 */
function assignMissingIds(context: Context, processes: Node[]): void {
  const taken = new Map<string, Node>()
  const all: Node[] = []
  for (const process of processes) {
    all.push(process)
    walkFlowElements(process, (node) => all.push(node))
  }
  for (const node of all) {
    if (!node.id) continue
    const other = taken.get(node.id)
    if (other && other !== node) {
      context.problems.push({
        element: node.id,
        type: node.$type,
        message: `标识 ${node.id} 被${describeNode(other)}和${describeNode(node)}重复使用，请为其中一个改用唯一的标识`,
      })
    } else taken.set(node.id, node)
  }
  const counters = new Map<string, number>()
  const fresh = (base: string) => {
    let candidate = base
    let n = counters.get(base) ?? 1
    while (taken.has(candidate)) candidate = `${base}_${++n}`
    counters.set(base, n)
    return candidate
  }
  for (const node of all) {
    if (node.id) continue
    const type = String(node.$type).replace(/^bpmn:/, '')
    const id =
      type === 'SequenceFlow'
        ? fresh(`flow_${node.sourceRef?.id ?? 'x'}_${node.targetRef?.id ?? 'x'}`)
        : fresh(`${type.charAt(0).toLowerCase()}${type.slice(1)}_1`)
    node.id = id
    taken.set(id, node)
    if (type !== 'SequenceFlow') {
      context.warnings.push({ element: id, message: `${describeNode(node)}在文件中没有标识，已生成标识 ${id}` })
    }
  }
}

/**
 * The compiled graph must keep every flow the XML has: a flow node that lost an incoming or outgoing flow would end
 * its token silently (an instance "completed" after doing no work). Compared by identity with the parsed XML.
 */
function checkNoFlowLost(context: Context, process: Node, model: ProcessModel): void {
  const outgoing = new Map<Node, number>()
  const incoming = new Map<Node, number>()
  const nodes: Node[] = []
  walkFlowElements(process, (node) => {
    if (node.$type === 'bpmn:SequenceFlow') {
      if (node.sourceRef) outgoing.set(node.sourceRef, (outgoing.get(node.sourceRef) ?? 0) + 1)
      if (node.targetRef) incoming.set(node.targetRef, (incoming.get(node.targetRef) ?? 0) + 1)
    } else nodes.push(node)
  })
  for (const node of nodes) {
    const element = model.elements[node.id]
    if (!element) continue
    const xmlOut = outgoing.get(node) ?? 0
    const xmlIn = incoming.get(node) ?? 0
    if (element.outgoing.length !== xmlOut || element.incoming.length !== xmlIn) {
      context.problems.push({
        element: node.id,
        type: node.$type,
        message: `${describeNode(node)}在文件中有 ${xmlIn} 条进入、${xmlOut} 条离开的连线，编译后只剩 ${element.incoming.length} 条进入、${element.outgoing.length} 条离开；请检查连线的标识是否重复`,
      })
    }
  }
}

/**
 * Tokens may only end where the model means them to: at an end event, or at an activity with no outgoing flow.
 * Events and gateways without a way out would end a token silently, so they are refused (issue 13 item 2).
 */
function checkTokensCanOnlyEndOnPurpose(context: Context, process: Node, model: ProcessModel): void {
  walkFlowElements(process, (node) => {
    const element = model.elements[node.id]
    if (!element || element.outgoing.length > 0) return
    const deadEnd =
      element.kind === 'startEvent' ||
      element.kind === 'intermediateCatchEvent' ||
      element.kind === 'intermediateThrowEvent' ||
      element.kind === 'exclusiveGateway' ||
      element.kind === 'parallelGateway' ||
      element.kind === 'inclusiveGateway'
    if (!deadEnd) return
    context.problems.push({
      element: node.id,
      type: node.$type,
      message: `${describeNode(node)}没有离开的连线，流程会在这里无声地结束；请连到下一个环节或结束事件`,
    })
  })
}

/**
 * The designer's own lint rules, repeated at deployment as warnings for files drawn elsewhere: every node reachable
 * from the start event, every user task assigned, a gateway's flows each with a condition or marked default.
 */
function warnLikeALinter(context: Context, model: ProcessModel): void {
  const reached = new Set<string>()
  const stack = [model.startEventId]
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (reached.has(id)) continue
    reached.add(id)
    const element = model.elements[id]
    if (!element) continue
    for (const flowId of element.outgoing) stack.push(model.flows[flowId]?.targetId as string)
    stack.push(...element.boundaryIds)
    if (element.startEventId) stack.push(element.startEventId)
  }
  for (const element of Object.values(model.elements)) {
    const label = describeElement(
      `bpmn:${element.kind.charAt(0).toUpperCase()}${element.kind.slice(1)}`,
      element.id,
      element.name,
    )
    if (!reached.has(element.id)) {
      context.warnings.push({ element: element.id, message: `${label}从开始事件无法到达，永远不会执行` })
    }
    if (element.kind === 'userTask' && !element.assignee) {
      context.warnings.push({
        element: element.id,
        message: `${label}没有指定办理人：任务将由牵头部门认领${model.leadDepartment ? '' : '（流程未设牵头部门时，任何工作人员都能认领）'}`,
      })
    }
    if ((element.kind === 'exclusiveGateway' || element.kind === 'inclusiveGateway') && element.outgoing.length > 1) {
      for (const flowId of element.outgoing) {
        const flow = model.flows[flowId]
        if (flow && !flow.condition && flow.id !== element.defaultFlow) {
          context.warnings.push({
            element: flow.id,
            message: `${label}的出口连线 ${flow.id} 既没有条件也不是默认连线：它总会被选中`,
          })
        }
      }
    }
  }
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
  checkNoFlowLost(context, process, model)
  checkTokensCanOnlyEndOnPurpose(context, process, model)
  warnLikeALinter(context, model)
  return model
}

const CHINESE_ENCODINGS = new Set(['gbk', 'gb2312', 'gb18030', 'cp936', 'x-gbk'])

/**
 * Reads the bytes of an uploaded BPMN file in the encoding it declares: UTF-8 (with or without BOM), UTF-16 by its
 * BOM, GBK/GB2312/GB18030 (older Chinese tools), Big5 and the Latin encodings. A file whose bytes do not match its
 * declaration, or that declares an encoding we cannot read, is refused in Chinese instead of being misread.
 */
export function decodeBpmnBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return decodeStrict('utf-8', bytes.subarray(3), 'UTF-8')
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict('utf-16le', bytes.subarray(2), 'UTF-16')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict('utf-16be', bytes.subarray(2), 'UTF-16')
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1')
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]
  const label = (declared ?? 'utf-8').toLowerCase()
  if (label === 'utf-8' || label === 'utf8') return decodeStrict('utf-8', bytes, declared ?? 'UTF-8')
  if (CHINESE_ENCODINGS.has(label)) return decodeStrict('gb18030', bytes, declared as string)
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(label, { fatal: true })
  } catch {
    throw new DefinitionError(
      'xml',
      `BPMN 文件声明的字符编码 ${declared} 无法识别；请在建模工具中以 UTF-8 另存后再发布`,
    )
  }
  return decodeStrict(decoder.encoding, bytes, declared as string)
}

function decodeStrict(encoding: string, bytes: Uint8Array, declared: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    throw new DefinitionError(
      'xml',
      `BPMN 文件声明为 ${declared} 编码，但内容不是该编码（例如中文名称在另存时被转成了别的编码）；请在建模工具中以 UTF-8 另存后再发布`,
    )
  }
}

const PARSER_MESSAGES: [RegExp, string][] = [
  [/unclosed tag/i, '有未闭合的标签'],
  [/unmatched closing tag|closing tag mismatch|unexpected close tag/i, '结束标签与开始标签不匹配'],
  [/missing start tag/i, '缺少开始标签'],
  [/unexpected end of file|unexpected end/i, '文件提前结束（可能没有保存完整）'],
  [/non-whitespace outside of root node|text data outside of root node/i, '根元素之外有多余的内容'],
  [/unparsable content/i, '有无法解析的内容'],
  [
    /failed to parse document as <bpmn:Definitions>/i,
    '根元素不是 BPMN 2.0 的 definitions（请检查命名空间是否为 http://www.omg.org/spec/BPMN/20100524/MODEL）',
  ],
  [/unexpected element|illegal first char|invalid/i, '有不符合 XML 语法的内容'],
]

/** The Chinese reason for a parser error (the English text of the XML parser never reaches a modeler). */
function parserReason(message: string): string {
  for (const [pattern, text] of PARSER_MESSAGES) if (pattern.test(message)) return text
  return '不是格式正确的 XML'
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
    throw new DefinitionError(
      'xml',
      `BPMN XML 无法解析${line ? `（第 ${line} 行）` : ''}：${parserReason(message)}`,
      [],
      line,
    )
  }
  const context: Context = { problems: [], warnings: [], ...(known ? { known } : {}) }
  const loopRefs = readParserWarnings(
    context,
    parsed.warnings,
    xml.split(/\r?\n/),
    (parsed as unknown as { elementsById: Record<string, Node> }).elementsById ?? {},
  )
  context.loopRefs = loopRefs
  const root: Node = parsed.rootElement
  const processes: Node[] = (root.rootElements ?? []).filter((element: Node) => element.$type === 'bpmn:Process')
  const executable = processes.filter((process) => process.isExecutable)
  // The bpmn-js demo draws processes with isExecutable="false"; take those when nothing is marked executable.
  const chosen = (executable.length > 0 ? executable : processes).filter(
    (process) => (process.flowElements ?? []).length > 0,
  )
  if (chosen.length === 0) throw new DefinitionError('invalid', 'BPMN 文件中没有可执行的流程', [])
  assignMissingIds(context, chosen)
  const models: ProcessModel[] = []
  for (const process of chosen) {
    const model = buildModel(context, process)
    if (model && !process.isExecutable) model.notExecutable = true
    if (model) models.push(model)
  }
  const skipped = processes.filter((other) => !other.isExecutable && (other.flowElements ?? []).length > 0)
  for (const process of executable.length > 0 ? skipped : []) {
    context.warnings.push({
      element: process.id,
      message: `流程 ${process.id} 标记为 isExecutable="false"，未发布（文件中另有可执行的流程）`,
    })
  }
  const unsupported = context.problems.filter((problem) => problem.message.startsWith('不支持'))
  if (unsupported.length > 0) {
    const list = unsupported.map((problem) => `${problem.type}（${problem.element}）`).join('、')
    const details = unsupported.map((problem) => problem.message).join('；')
    throw new DefinitionError('unsupported', `流程包含不支持的元素：${list}。${details}`, context.problems)
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
