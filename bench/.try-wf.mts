import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { Engine } from 'bpmn-engine'

const xml = readFileSync('/tmp/wfb/x.bpmn', 'utf8')
const settle = async () => {
  for (let k = 0; k < 2; k++) await new Promise((r) => setImmediate(r))
}
const engine = new Engine({ name: 'x', source: xml })
await engine.execute()
await settle()
let state = JSON.stringify(await engine.getState())
for (let i = 0; i < 12; i++) {
  const e = new Engine().recover(JSON.parse(state))
  const listener = new EventEmitter()
  const waits: any[] = []
  listener.on('activity.wait', (api: any) => waits.push(api))
  const execution = await e.resume({ listener })
  await settle()
  console.log(
    i,
    execution.state,
    waits.map((w) => [w.id, w.executionId, w.content.isRootScope]),
    state.length,
  )
  if (execution.state !== 'running' || !waits.length) break
  waits[0].signal()
  await settle()
  state = JSON.stringify(await e.getState())
}
