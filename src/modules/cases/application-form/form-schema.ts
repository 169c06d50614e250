import { Validator } from '@cfworker/json-schema'
import type { FormSchemaNode } from '../../catalog/index.js'

// For cases' web pages, which may not import the catalog's server index: the form types under cases' own names.
export type { ApplicationForm as ApplicationFormDefinition, FormSchemaNode } from '../../catalog/index.js'

/*
 * Reading a form's schema against its data, without code generation (ADR 0022): the same functions run on the
 * server and in the browser, where the CSP forbids the `new Function` that Ajv compiles with. Conditional fields
 * (if/then/else, allOf, dependencies) are resolved against the data the way @rjsf/utils resolves them for display.
 */

export type FormData = Record<string, unknown>
export type PathSegment = string | number

/** `/employees/1/name` from ['employees', 1, 'name'] (RFC 6901). */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Validators for `if` conditions, per schema object: forms are immutable once published, so the cache stays small.
const conditionValidators = new WeakMap<object, Validator>()

function matches(condition: FormSchemaNode, data: unknown, root: FormSchemaNode): boolean {
  let validator = conditionValidators.get(condition)
  if (!validator) {
    validator = new Validator({ ...condition, definitions: root.definitions ?? {} } as never, '7', true)
    conditionValidators.set(condition, validator)
  }
  return validator.validate(data).valid
}

function dereference(node: FormSchemaNode, root: FormSchemaNode): FormSchemaNode {
  let current = node
  for (let hops = 0; hops < 10 && typeof current.$ref === 'string'; hops += 1) {
    const name = current.$ref.replace(/^#\/definitions\//, '')
    const target = root.definitions?.[name]
    if (!target) return {}
    const { $ref: _ref, ...rest } = current
    current = { ...target, ...rest }
  }
  return current
}

function merge(base: FormSchemaNode, extra: FormSchemaNode): FormSchemaNode {
  const properties = { ...(base.properties ?? {}) }
  for (const [name, child] of Object.entries(extra.properties ?? {})) {
    properties[name] = properties[name] ? { ...properties[name], ...child } : child
  }
  const required = [...new Set([...(base.required ?? []), ...(extra.required ?? [])])]
  const { allOf: _allOf, if: _if, then: _then, else: _else, dependencies: _dependencies, ...plain } = extra
  return {
    ...base,
    ...plain,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(required.length > 0 ? { required } : {}),
  }
}

/**
 * The schema that applies to `data` at this node: $ref followed, allOf merged, if/then/else and
 * dependencies applied for the data given. Properties of branches that do not apply are absent.
 */
export function resolveNode(node: FormSchemaNode, data: unknown, root: FormSchemaNode, depth = 0): FormSchemaNode {
  if (depth > 10) return node
  const current = dereference(node, root)
  const { allOf, if: condition, then, else: otherwise, dependencies, ...plain } = current
  let resolved: FormSchemaNode = plain
  for (const part of allOf ?? []) resolved = merge(resolved, resolveNode(part, data, root, depth + 1))
  if (condition) {
    const branch = matches(condition, data, root) ? then : otherwise
    if (branch) resolved = merge(resolved, resolveNode(branch, data, root, depth + 1))
  }
  if (dependencies && isPlainObject(data)) {
    for (const [name, dependency] of Object.entries(dependencies)) {
      if (data[name] === undefined) continue
      if (Array.isArray(dependency)) resolved = merge(resolved, { required: dependency })
      else resolved = merge(resolved, resolveNode(dependency, data, root, depth + 1))
    }
  }
  return resolved
}

export type VisitedField = {
  path: PathSegment[]
  /** Titles from the root, e.g. ['从业人员', '第 2 项', '姓名']. */
  labels: string[]
  node: FormSchemaNode
  value: unknown
  parent: Record<string, unknown> | undefined
}

/** Each value present in `data` with the schema that applies to it, depth first; unknown keys are reported. */
export function walkFormData(
  root: FormSchemaNode,
  data: unknown,
  visit: (field: VisitedField) => void,
  onUnknown?: (path: PathSegment[], labels: string[]) => void,
): void {
  const step = (
    node: FormSchemaNode,
    value: unknown,
    path: PathSegment[],
    labels: string[],
    parent: Record<string, unknown> | undefined,
  ) => {
    const resolved = resolveNode(node, value, root)
    visit({ path, labels, node: resolved, value, parent })
    if (isPlainObject(value)) {
      const properties = resolved.properties ?? {}
      for (const [name, child] of Object.entries(value)) {
        const childNode = properties[name]
        const childLabels = [...labels, childNode?.title ?? name]
        if (!childNode) {
          if (child !== undefined) onUnknown?.([...path, name], childLabels)
          continue
        }
        if (child === undefined) continue
        step(childNode, child, [...path, name], childLabels, value)
      }
    } else if (Array.isArray(value) && resolved.items && !Array.isArray(resolved.items)) {
      value.forEach((item, index) => {
        step(resolved.items as FormSchemaNode, item, [...path, index], [...labels, `第 ${index + 1} 项`], undefined)
      })
    }
  }
  step(root, data, [], [], undefined)
}

/** The schema that applies at `path` for this data (undefined when the path leads nowhere). */
export function findNodeAt(root: FormSchemaNode, data: unknown, path: readonly PathSegment[]) {
  let node: FormSchemaNode | undefined = root
  let value: unknown = data
  const labels: string[] = []
  for (const segment of path) {
    if (!node) return undefined
    const resolved: FormSchemaNode = resolveNode(node, value, root)
    if (typeof segment === 'number' || /^\d+$/.test(segment)) {
      const index = Number(segment)
      node = resolved.items && !Array.isArray(resolved.items) ? resolved.items : undefined
      labels.push(`第 ${index + 1} 项`)
      value = Array.isArray(value) ? value[index] : undefined
    } else {
      node = resolved.properties?.[segment]
      labels.push(node?.title ?? segment)
      value = isPlainObject(value) ? value[segment] : undefined
    }
  }
  return node ? { node: resolveNode(node, value, root), labels } : undefined
}

/** Every node of the schema, whatever the data (for prefill and the editor): path of property names and node. */
export function listSchemaFields(root: FormSchemaNode): { path: string[]; node: FormSchemaNode }[] {
  const found: { path: string[]; node: FormSchemaNode }[] = []
  const seen = new Set<FormSchemaNode>()
  const step = (node: FormSchemaNode, path: string[], depth: number) => {
    if (depth > 10 || seen.has(node)) return
    seen.add(node)
    const current = dereference(node, root)
    for (const [name, child] of Object.entries(current.properties ?? {})) {
      const childPath = [...path, name]
      found.push({ path: childPath, node: dereference(child, root) })
      step(child, childPath, depth + 1)
    }
    for (const part of [
      ...(current.allOf ?? []),
      ...(current.then ? [current.then] : []),
      ...(current.else ? [current.else] : []),
      ...Object.values(current.dependencies ?? {}).filter((entry): entry is FormSchemaNode => !Array.isArray(entry)),
    ])
      step(part, path, depth + 1)
  }
  step(root, [], 0)
  return found
}
