/** A new diagram: one start event inside a fresh process, laid out for bpmn-js. */
export function buildNewDiagramXml(): string {
  const suffix = Math.random().toString(36).slice(2, 8)
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:tongban="http://tongban.org/schema/bpmn" id="Definitions_${suffix}" targetNamespace="http://tongban.org/processes">
  <bpmn:process id="process_${suffix}" name="新流程" isExecutable="true">
    <bpmn:startEvent id="start" name="开始" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${suffix}">
    <bpmndi:BPMNPlane id="Plane_${suffix}" bpmnElement="process_${suffix}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="160" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`
}

/** Role codes an assignee rule may name (identity's fixed staff roles that work tasks). */
export const TASK_ROLES = [
  { value: 'window_clerk', label: '窗口工作人员' },
  { value: 'department_reviewer', label: '部门审核人员' },
  { value: 'department_leader', label: '部门负责人' },
  { value: 'centre_manager', label: '中心管理人员' },
]
