import { CopyOutlined } from '@ant-design/icons'
import { Alert, Button, Modal, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import './account-admin.css'

/** A value the server shows once (a one-time password, a grant code). */
export type OneTimeSecret = { title: string; text: string; label: string; value: string }

/** Shows a one-time value with a copy button; once closed it is gone from the page for good. */
export function OneTimeSecretModal({ secret, onClose }: { secret: OneTimeSecret | undefined; onClose: () => void }) {
  const { t } = useTranslation()
  const [isCopied, setIsCopied] = useState(false)
  const copy = async () => {
    if (!secret) return
    await navigator.clipboard?.writeText(secret.value).catch(() => undefined)
    setIsCopied(true)
  }
  return (
    <Modal
      open={secret !== undefined}
      title={secret?.title}
      closable={false}
      maskClosable={false}
      keyboard={false}
      afterClose={() => setIsCopied(false)}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('accountAdmin.close')}
        </Button>
      }
      destroyOnHidden
    >
      {secret && (
        <Space orientation="vertical" size="middle" className="one-time-secret" data-testid="one-time-secret">
          <p>{secret.text}</p>
          <div>
            <div className="one-time-secret-label">{secret.label}</div>
            <Space wrap>
              <Typography.Text code className="one-time-secret-value" data-testid="one-time-secret-value">
                {secret.value}
              </Typography.Text>
              <Button size="small" icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
                {isCopied ? t('accountAdmin.copied') : t('accountAdmin.copy')}
              </Button>
            </Space>
          </div>
          <Alert type="warning" showIcon title={t('accountAdmin.oneTimeShownOnce')} />
        </Space>
      )}
    </Modal>
  )
}
