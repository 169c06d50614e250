import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

// A file as an older Chinese modeler saves it: GBK bytes, declared in the XML header, default namespace.
const gbkText = `<?xml version="1.0" encoding="GBK"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="http://www.example.cn/bpm">
  <process id="gbk_file" name="食品经营许可" isExecutable="true">
    <startEvent id="start" name="申请"/>
    <userTask id="review" name="现场核查"/>
    <endEvent id="end" name="办结"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
  </process>
</definitions>`

function camundaFile(processId: string, name: string, body: string, executable = true) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.17.0">
  <bpmn:process id="${processId}" name="${name}" isExecutable="${executable}">
${body}
  </bpmn:process>
</bpmn:definitions>`
}

const simpleBody = `    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:userTask id="Activity_1" name="审查" />
    <bpmn:endEvent id="Event_1" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_1" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_1" targetRef="Event_1" />`

describe('deploy answers a modeler understands', () => {
  let app: TestApp
  let chenjing: Session

  beforeAll(async () => {
    app = await startTestApp()
    chenjing = await loginAs(app, 'chenjing')
  })
  afterAll(async () => {
    await app?.close()
  })

  const deploy = (payload: string | Buffer) =>
    chenjing.request({
      method: 'POST',
      url: '/api/workflow/deployments',
      headers: { 'content-type': 'application/xml' },
      payload,
    })

  test('a GBK file from an older Chinese tool deploys with its Chinese names intact', async () => {
    const gbk = encodeGbk(gbkText)
    expect(gbk.includes(Buffer.from('现场核查'))).toBe(false)
    const response = await deploy(gbk)
    expect(response.statusCode).toBe(200)
    expect(response.json().versions[0]).toMatchObject({ processKey: 'gbk_file', name: '食品经营许可' })
    const definition = await chenjing.request({
      method: 'GET',
      url: `/api/workflow/definitions/${response.json().versions[0].id}`,
    })
    expect(definition.json().xml).toContain('现场核查')
  })

  test('a file that says UTF-8 but holds GBK bytes is refused in Chinese, not misread', async () => {
    const mislabelled = encodeGbk(gbkText.replace('encoding="GBK"', 'encoding="UTF-8"'))
    const response = await deploy(mislabelled)
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('WORKFLOW_BPMN_UNPARSABLE')
    expect(response.json().message).toContain('UTF-8 另存')
  })

  test('an unsupported element is refused naming its type, id and name and what to draw instead, without parser English', async () => {
    const response = await deploy(
      camundaFile(
        'p_script',
        '脚本',
        `    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:scriptTask id="Activity_calc" name="计算收费" scriptFormat="groovy"><bpmn:script>fee = area * 2</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="Event_1" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_calc" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_calc" targetRef="Event_1" />`,
      ),
    )
    expect(response.statusCode).toBe(400)
    const message = response.json().message as string
    expect(message).toContain('脚本任务“计算收费”')
    expect(message).toContain('Activity_calc')
    expect(message).toContain('服务任务')
  })

  test('a reference to an id that is not in the file is refused naming the element and the missing id', async () => {
    const response = await deploy(
      camundaFile(
        'p_dangling',
        '悬空引用',
        `    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:exclusiveGateway id="Gateway_check" name="是否齐全" default="Flow_missing" />
    <bpmn:endEvent id="Event_1" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Gateway_check" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Gateway_check" targetRef="Event_1" />`,
      ),
    )
    expect(response.statusCode).toBe(400)
    const message = response.json().message as string
    expect(message).toContain('排他网关“是否齐全”（Gateway_check）')
    expect(message).toContain('Flow_missing')
    expect(message).not.toMatch(/unresolved|reference/i)
  })

  test('a second file with the same process id is told it became a new version of the existing process', async () => {
    const first = await deploy(camundaFile('p_same_key', '窗口受理', simpleBody))
    expect(first.json().versions[0].message).toContain('新流程')
    const other = await deploy(camundaFile('p_same_key', '窗口受理（省厅版）', simpleBody.replace('审查', '初审')))
    expect(other.json().versions[0]).toMatchObject({ version: 2, created: true })
    expect(other.json().versions[0].message).toContain('已存在（“窗口受理”，第 1 版）')
    expect(other.json().versions[0].message).toContain('第 2 版')
  })

  test('a process marked isExecutable="false" says so in the answer', async () => {
    const response = await deploy(camundaFile('p_not_executable', '演示', simpleBody, false))
    expect(response.statusCode).toBe(200)
    expect(response.json().versions[0].message).toContain('isExecutable="false"')
  })
})

/** GBK bytes of a text, through the GB18030 table Node's ICU carries (no extra dependency for a test). */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030')
  const table = new Map<string, number[]>()
  const wanted = new Set([...text].filter((char) => char.charCodeAt(0) > 0x7f))
  for (let lead = 0x81; lead <= 0xfe && table.size < wanted.size; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const char = decoder.decode(new Uint8Array([lead, trail]))
      if (wanted.has(char) && !table.has(char)) table.set(char, [lead, trail])
    }
  }
  const bytes: number[] = []
  for (const char of text) {
    const code = char.charCodeAt(0)
    if (code <= 0x7f) bytes.push(code)
    else {
      const pair = table.get(char)
      if (!pair) throw new Error(`no GBK code for ${char}`)
      bytes.push(...pair)
    }
  }
  return Buffer.from(bytes)
}
