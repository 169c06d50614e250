import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Space, Table, type TableColumnsType, Upload } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { ImportProblem, ImportReport } from '../catalog.schemas.js'
import { downloadFile } from './catalog-workbench.js'

function buildFileForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file, file.name)
  return form
}

/** `/workbench/catalog/import`: template, export and all-or-nothing import of the implementation list. */
export function ImportExportPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [report, setReport] = useState<ImportReport | undefined>(undefined)
  const [isUploading, setIsUploading] = useState(false)
  useDocumentTitle(t('catalogWorkbench.importTitle'))

  const upload = async (file: File) => {
    setIsUploading(true)
    try {
      const result = file.name.toLowerCase().endsWith('.json')
        ? await api.post<ImportReport>('/api/catalog/import', JSON.parse(await file.text()))
        : await api.postForm<ImportReport>('/api/catalog/import/workbook', buildFileForm(file))
      setReport(result)
      if (result.imported) void message.success(t('catalogWorkbench.importDone', { count: result.total }))
    } catch {
      void message.error(t('catalogWorkbench.importUnreadable'))
    } finally {
      setIsUploading(false)
    }
  }
  const columns: TableColumnsType<ImportProblem> = [
    { title: t('catalogWorkbench.sheet'), dataIndex: 'sheet', key: 'sheet', width: 100 },
    { title: t('catalogWorkbench.row'), dataIndex: 'row', key: 'row', width: 70 },
    { title: t('catalogWorkbench.itemCode'), dataIndex: 'itemCode', key: 'itemCode', width: 240 },
    {
      title: t('catalogWorkbench.reasons'),
      key: 'reasons',
      render: (_, problem) => (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {problem.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ),
    },
  ]
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('catalogWorkbench.importTitle')}</h1>
      </div>
      <Card variant="outlined">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('catalogWorkbench.importHelp')} />
          <Space wrap>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => void downloadFile('/api/catalog/import/template.xlsx', '实施清单导入模板.xlsx')}
            >
              {t('catalogWorkbench.downloadTemplate')}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => void downloadFile('/api/catalog/export.xlsx', '实施清单.xlsx')}
            >
              {t('catalogWorkbench.exportXlsx')}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => void downloadFile('/api/catalog/export.json', '实施清单.json')}
            >
              {t('catalogWorkbench.exportJson')}
            </Button>
            <Upload
              accept=".xlsx,.json"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file)
                return false
              }}
            >
              <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={isUploading}>
                {t('catalogWorkbench.importButton')}
              </Button>
            </Upload>
          </Space>
          {report &&
            (report.imported ? (
              <Alert
                type="success"
                showIcon
                title={t('catalogWorkbench.importSummary', {
                  created: report.created.length,
                  updated: report.updated.length,
                })}
              />
            ) : (
              <>
                <Alert
                  type="error"
                  showIcon
                  title={t('catalogWorkbench.importRefused', { count: report.problems.length, total: report.total })}
                />
                <Table<ImportProblem>
                  rowKey={(problem) => `${problem.sheet ?? ''}:${problem.row}`}
                  size="small"
                  columns={columns}
                  dataSource={report.problems}
                  pagination={false}
                  data-testid="import-problems"
                />
              </>
            ))}
        </Space>
      </Card>
    </div>
  )
}
