import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Skeleton } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, describeError } from '../../../web/kit/api.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import './account-admin.css'

type AdminNetwork = { cidr: string; description: string }

/**
 * 管理员登录地址白名单 (安全管理员): the networks the three administrators may work from; empty means no
 * restriction. The server refuses a list that would shut out the editor's own address, and says so.
 */
export function AdminNetworksCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { data, error, isLoading } = useApiData(
    (signal) => api.get<AdminNetwork[]>('/api/security/admin-networks', { signal }),
    'admin-networks',
  )
  const [form] = Form.useForm<{ networks: AdminNetwork[] }>()
  const [isSaving, setIsSaving] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  useEffect(() => {
    if (data) form.setFieldsValue({ networks: data })
  }, [data, form])

  const save = async ({ networks }: { networks?: AdminNetwork[] }) => {
    setIsSaving(true)
    setFailure(undefined)
    try {
      const body = {
        networks: (networks ?? []).map((network) => ({
          cidr: network.cidr.trim(),
          description: (network.description ?? '').trim(),
        })),
      }
      const saved = await api.put<AdminNetwork[]>('/api/security/admin-networks', body, { quiet: true })
      form.setFieldsValue({ networks: saved })
      void message.success(t('accountAdmin.networksSaved'))
    } catch (cause) {
      setFailure(describeError(cause))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Card
      variant="outlined"
      className="admin-networks-card"
      title={<h2 className="section-title">{t('accountAdmin.networksTitle')}</h2>}
    >
      <p className="section-intro">{t('accountAdmin.networksIntro')}</p>
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} /> : null}
      {isLoading && !data && <Skeleton active />}
      {data && (
        <Form form={form} layout="vertical" onFinish={save} disabled={isSaving} data-testid="admin-networks-form">
          {failure && <Alert className="auth-alert" type="error" showIcon role="alert" title={failure} />}
          <Form.List name="networks">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 && <p className="muted">{t('accountAdmin.networksEmpty')}</p>}
                {fields.map((field) => (
                  <div key={field.key} className="admin-network-row">
                    <Form.Item
                      name={[field.name, 'cidr']}
                      label={t('accountAdmin.networkCidr')}
                      rules={[{ required: true, whitespace: true, message: t('accountAdmin.networkCidrRequired') }]}
                    >
                      <Input placeholder={t('accountAdmin.networkCidrPlaceholder')} maxLength={64} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'description']} label={t('accountAdmin.networkDescription')}>
                      <Input placeholder={t('accountAdmin.networkDescriptionPlaceholder')} maxLength={60} />
                    </Form.Item>
                    <Button
                      type="link"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      aria-label={t('accountAdmin.networkRemove')}
                    >
                      {t('accountAdmin.networkRemove')}
                    </Button>
                  </div>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ cidr: '', description: '' })}>
                  {t('accountAdmin.networkAdd')}
                </Button>
              </>
            )}
          </Form.List>
          <div className="policy-actions">
            <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={isSaving}>
              {t('accountAdmin.networksSave')}
            </Button>
          </div>
        </Form>
      )}
    </Card>
  )
}
