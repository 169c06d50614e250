import 'bpmn-js/dist/assets/diagram-js.css'
import 'bpmn-js/dist/assets/bpmn-js.css'
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css'
import { CloudUploadOutlined, FileAddOutlined, FolderOpenOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Select, Space, Typography, Upload } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import tongbanModdle from '../tongban-moddle.json' with { type: 'json' }
import { BpmnPropertiesPanel } from './BpmnPropertiesPanel.js'
import { Modeler } from './bpmn-js.js'
import { buildNewDiagramXml } from './bpmn-templates.js'
import './workflow-diagram.css'
import type { DefinitionSummary, DeploymentResult, WorkflowDirectory } from './workflow-api.js'

type Outcome =
  | { kind: 'deployed'; result: DeploymentResult }
  | { kind: 'refused'; message: string; details: unknown }
  | undefined

declare global {
  interface Window {
    /** The designer's bpmn-js modeler, for scripted drawing (browser tests, console); the UI gives the same. */
    tongbanModeler?: Modeler
  }
}

/** `/workbench/processes/designer`: draws BPMN with bpmn-js, edits the tongban extensions, deploys. */
export function ProcessDesignerPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('workflow.designerTitle'))
  const canvasRef = useRef<HTMLDivElement>(null)
  const [modeler, setModeler] = useState<Modeler | undefined>(undefined)
  const [outcome, setOutcome] = useState<Outcome>(undefined)
  const [busy, setBusy] = useState(false)
  const [searchParams, setSearchParams] = useSearchParams()
  const definitionId = searchParams.get('definition')
  const { data: definitions, reload: reloadDefinitions } = useApiData(
    (signal) => api.get<DefinitionSummary[]>('/api/workflow/definitions', { signal }),
    'definitions',
  )
  const { data: directory } = useApiData(
    (signal) => api.get<WorkflowDirectory>('/api/workflow/directory', { signal }),
    'directory',
  )

  useEffect(() => {
    if (!canvasRef.current) return
    const instance = new Modeler({
      container: canvasRef.current,
      moddleExtensions: { tongban: tongbanModdle },
    })
    setModeler(instance)
    window.tongbanModeler = instance
    return () => {
      instance.destroy()
      if (window.tongbanModeler === instance) window.tongbanModeler = undefined
    }
  }, [])

  useEffect(() => {
    if (!modeler) return
    const controller = new AbortController()
    async function load() {
      try {
        const xml = definitionId
          ? (await api.get<{ xml: string }>(`/api/workflow/definitions/${definitionId}`, { signal: controller.signal }))
              .xml
          : buildNewDiagramXml()
        if (controller.signal.aborted) return
        await modeler?.importXML(xml)
        fitBesidePalette(modeler)
      } catch (cause) {
        if (!controller.signal.aborted) setOutcome({ kind: 'refused', message: describeError(cause), details: null })
      }
    }
    void load()
    return () => controller.abort()
  }, [modeler, definitionId])

  async function importFile(file: File) {
    try {
      await modeler?.importXML(await file.text())
      fitBesidePalette(modeler)
      setOutcome(undefined)
    } catch (cause) {
      setOutcome({ kind: 'refused', message: (cause as Error).message, details: null })
    }
  }

  async function deploy() {
    if (!modeler) return
    setBusy(true)
    setOutcome(undefined)
    try {
      const { xml } = await modeler.saveXML({ format: true })
      const result = await api.post<DeploymentResult>('/api/workflow/deployments', { xml }, { quiet: true })
      setOutcome({ kind: 'deployed', result })
      reloadDefinitions()
    } catch (cause) {
      setOutcome({
        kind: 'refused',
        message: describeError(cause),
        details: cause instanceof ApiError ? cause.details : null,
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card
      title={t('workflow.designerTitle')}
      extra={<Link to="/workbench/processes">{t('workflow.catalogueTitle')}</Link>}
      styles={{ body: { paddingTop: 12 } }}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<FileAddOutlined />} onClick={() => setSearchParams({})} data-testid="designer-new">
          {t('workflow.newDiagram')}
        </Button>
        <Space.Compact>
          <Button icon={<FolderOpenOutlined />} tabIndex={-1}>
            {t('workflow.openVersion')}
          </Button>
          <Select
            style={{ width: 300 }}
            placeholder={t('workflow.openVersionPlaceholder')}
            value={definitionId ?? undefined}
            onChange={(id: string) => setSearchParams({ definition: id })}
            options={(definitions ?? []).map((d) => ({ value: d.id, label: `${d.name} · v${d.version}` }))}
          />
        </Space.Compact>
        <Upload
          accept=".bpmn,.xml"
          showUploadList={false}
          beforeUpload={(file) => {
            void importFile(file)
            return false
          }}
        >
          <Button icon={<UploadOutlined />}>BPMN</Button>
        </Upload>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          loading={busy}
          onClick={deploy}
          data-testid="designer-deploy"
        >
          {t('workflow.deploy')}
        </Button>
      </Space>
      {outcome?.kind === 'deployed' ? (
        <Alert
          type={outcome.result.warnings.length > 0 ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="deploy-outcome"
          title={outcome.result.versions
            .map((v) =>
              t(v.created ? 'workflow.deployed' : 'workflow.deployedSame', { key: v.processKey, version: v.version }),
            )
            .join('；')}
          description={
            outcome.result.warnings.length > 0 || outcome.result.versions.some((v) => v.message) ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {outcome.result.versions.flatMap((v) =>
                  v.message ? [<li key={`version-${v.id}`}>{v.message}</li>] : [],
                )}
                {outcome.result.warnings.map((w) => (
                  <li key={`${w.element}-${w.message}`}>
                    {w.element}：{w.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      {outcome?.kind === 'refused' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="deploy-outcome"
          title={t('workflow.deployRefused')}
          description={
            <>
              <div>{outcome.message}</div>
              {Array.isArray(outcome.details) && outcome.details.length > 0 ? (
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {outcome.details.map((detail) => (
                    <li key={JSON.stringify(detail)}>{formatProblem(detail)}</li>
                  ))}
                </ul>
              ) : null}
            </>
          }
        />
      ) : null}
      <div className="wf-designer">
        <div ref={canvasRef} className="wf-canvas" data-testid="bpmn-canvas" />
        <aside className="wf-properties">
          <Typography.Title level={5}>{t('workflow.properties')}</Typography.Title>
          <BpmnPropertiesPanel modeler={modeler} directory={directory} />
        </aside>
      </div>
    </Card>
  )
}

/** Fits the diagram, then moves it right so the palette does not cover the start event. */
function fitBesidePalette(modeler: Modeler | undefined) {
  const canvas = modeler?.get<{
    zoom: { (level: string): void; (level: number, center: string): void; (): number }
    scroll: (delta: { dx: number; dy: number }) => void
  }>('canvas')
  if (!canvas) return
  canvas.zoom('fit-viewport')
  canvas.zoom(canvas.zoom() * 0.8, 'auto')
  canvas.scroll({ dx: 45, dy: 0 })
}

function formatProblem(detail: unknown): string {
  if (detail && typeof detail === 'object') {
    const { element, type, message } = detail as { element?: string; type?: string; message?: string }
    return [type, element, message].filter(Boolean).join(' · ')
  }
  return String(detail)
}
