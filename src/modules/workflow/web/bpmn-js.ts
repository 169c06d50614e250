import BpmnModeler from 'bpmn-js/lib/Modeler.js'
import BpmnNavigatedViewer from 'bpmn-js/lib/NavigatedViewer.js'

// bpmn-js ships ES modules without "type": "module", so TypeScript (NodeNext) sees each default export one level
// down while Vite bundles the class itself; these aliases give both the class and its instance type.
export const Modeler = BpmnModeler as unknown as typeof BpmnModeler.default
export type Modeler = InstanceType<typeof BpmnModeler.default>
export const NavigatedViewer = BpmnNavigatedViewer as unknown as typeof BpmnNavigatedViewer.default
export type NavigatedViewer = InstanceType<typeof BpmnNavigatedViewer.default>
