import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { Synonym } from '../catalog.schemas.js'

/** `/workbench/catalog/synonyms`: what citizens say → what the catalog calls it, applied at search time. */
export function SynonymsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ term: string; expansions: string[] }>()
  useDocumentTitle(t('catalogWorkbench.synonymsTitle'))
  const { data, error, isLoading, reload } = useApiData(
    (signal) => api.get<Synonym[]>('/api/catalog/synonyms', { signal }),
    'synonyms',
  )
  const add = async (values: { term: string; expansions: string[] }) => {
    try {
      await api.post<Synonym>('/api/catalog/synonyms', values)
      form.resetFields()
      void message.success(t('catalogWorkbench.synonymSaved'))
      reload()
    } catch {
      // The API client has shown the server's message.
    }
  }
  const remove = async (synonym: Synonym) => {
    try {
      await api.delete(`/api/catalog/synonyms/${synonym.id}`)
      reload()
    } catch {
      // The API client has shown the server's message.
    }
  }
  const columns: TableColumnsType<Synonym> = [
    { title: t('catalogWorkbench.synonymTerm'), dataIndex: 'term', key: 'term', width: 200 },
    {
      title: t('catalogWorkbench.synonymExpansions'),
      key: 'expansions',
      render: (_, synonym) => (
        <span className="tag-list">
          {synonym.expansions.map((expansion) => (
            <Tag key={expansion} color="blue">
              {expansion}
            </Tag>
          ))}
        </span>
      ),
    },
    {
      title: t('catalogWorkbench.actions'),
      key: 'actions',
      width: 90,
      render: (_, synonym) => (
        <Popconfirm title={t('catalogWorkbench.synonymDeleteConfirm', synonym)} onConfirm={() => void remove(synonym)}>
          <Button type="link" danger>
            {t('catalogWorkbench.delete')}
          </Button>
        </Popconfirm>
      ),
    },
  ]
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('catalogWorkbench.synonymsTitle')}</h1>
        {data && <span className="page-count">{t('catalogWorkbench.synonymsCount', { count: data.length })}</span>}
      </div>
      <Card variant="outlined">
        <Form form={form} layout="inline" onFinish={(values) => void add(values)} style={{ marginBottom: 16 }}>
          <Form.Item name="term" rules={[{ required: true, whitespace: true }]}>
            <Input
              placeholder={t('catalogWorkbench.synonymTermPlaceholder')}
              aria-label={t('catalogWorkbench.synonymTerm')}
            />
          </Form.Item>
          <Form.Item name="expansions" rules={[{ required: true }]}>
            <Select
              mode="tags"
              open={false}
              style={{ minWidth: 320 }}
              placeholder={t('catalogWorkbench.synonymExpansionsPlaceholder')}
              aria-label={t('catalogWorkbench.synonymExpansions')}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('catalogWorkbench.synonymAdd')}
            </Button>
          </Space>
        </Form>
        {error ? (
          <Alert type="error" showIcon title={t('common.loadFailed')} />
        ) : (
          <Table<Synonym>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data ?? []}
            loading={isLoading}
            pagination={{ pageSize: 30, hideOnSinglePage: true }}
          />
        )}
      </Card>
    </div>
  )
}
