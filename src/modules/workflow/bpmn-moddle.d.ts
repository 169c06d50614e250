// bpmn-moddle ships its types under `bpmn-moddle/types` only; the engine reads elements dynamically anyway.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>)
    // biome-ignore lint/suspicious/noExplicitAny: moddle elements are dynamic objects
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: any; warnings: { message: string }[] }>
    // biome-ignore lint/suspicious/noExplicitAny: moddle elements are dynamic objects
    toXML(element: any, options?: { format?: boolean }): Promise<{ xml: string }>
  }
}

declare module 'bpmn-js-differ' {
  // biome-ignore lint/suspicious/noExplicitAny: moddle elements are dynamic objects
  type Changes = Record<string, any>
  export function diff(
    oldDefinitions: unknown,
    newDefinitions: unknown,
  ): { _added: Changes; _removed: Changes; _changed: Changes; _layoutChanged: Changes }
}
