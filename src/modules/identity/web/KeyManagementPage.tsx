import { KeyOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons'
import { App, Button, Card, Col, Row, Statistic } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import type { KeyStatus } from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import './personal-data.css'

/**
 * `/workbench/keys`: the security administrator sees which field-key version is active and how many accounts still
 * wait for background re-encryption, and rotates the key.
 */
export function KeyManagementPage() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  useDocumentTitle(t('personalData.keysTitle'))
  const { data, error, isLoading, reload } = useApiData(
    (signal) => api.get<KeyStatus>('/api/security/keys', { signal }),
    'keys',
  )
  const [isRotating, setIsRotating] = useState(false)

  async function rotate() {
    setIsRotating(true)
    try {
      const { version } = await api.post<{ version: number }>('/api/security/keys/rotation')
      void message.success(t('personalData.keysRotated', { version }))
    } catch {
      // The API client has already shown the reason.
    } finally {
      setIsRotating(false)
      reload()
    }
  }

  const confirmRotation = () => {
    modal.confirm({
      title: t('personalData.keysRotateConfirmTitle'),
      content: t('personalData.keysRotateConfirmText', { version: (data?.activeVersion ?? 0) + 1 }),
      okText: t('personalData.keysRotateConfirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: rotate,
    })
  }

  const pending = data?.accountsToReencrypt ?? 0

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('personalData.keysTitle')}</h1>
      </div>
      <p className="section-intro">{t('personalData.keysIntro')}</p>
      <Card variant="outlined" loading={isLoading && !data}>
        {error ? (
          <LoadFailedAlert onRetry={reload} />
        ) : (
          <>
            <Row gutter={[24, 16]} className="key-status">
              <Col xs={24} sm={12}>
                <Statistic
                  title={t('personalData.keysActiveVersion')}
                  value={data ? t('personalData.keysVersionValue', { version: data.activeVersion }) : ''}
                  prefix={<KeyOutlined aria-hidden />}
                  data-testid="key-version"
                />
              </Col>
              <Col xs={24} sm={12}>
                <Statistic
                  title={t('personalData.keysReencryptState')}
                  value={
                    pending > 0
                      ? t('personalData.keysReencrypting', { count: pending })
                      : t('personalData.keysAllCurrent')
                  }
                  prefix={pending > 0 ? <SyncOutlined spin aria-hidden /> : undefined}
                  data-testid="key-reencryption"
                />
              </Col>
            </Row>
            <div className="key-actions">
              <Button icon={<ReloadOutlined aria-hidden />} onClick={reload} loading={isLoading}>
                {t('personalData.keysRefresh')}
              </Button>
              <Button
                type="primary"
                danger
                icon={<KeyOutlined aria-hidden />}
                loading={isRotating}
                onClick={confirmRotation}
              >
                {t('personalData.keysRotate')}
              </Button>
            </div>
          </>
        )}
      </Card>
    </div>
  )
}
