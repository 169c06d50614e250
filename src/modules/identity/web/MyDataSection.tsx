import { CheckCircleOutlined, DownloadOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons'
import { Alert, App, Button, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import type { AccountKind } from '../../../web/kit/types.js'
import { downloadFile } from './download-file.js'
import './personal-data.css'

const MY_DATA_FILE = 'my-tongban-data.json'

/** 个人信息保护法 查阅复制权: the account holder downloads everything held about them, in clear. */
function MyDataDownload() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [isDownloading, setIsDownloading] = useState(false)

  async function download() {
    setIsDownloading(true)
    try {
      await downloadFile('/api/auth/me/data', MY_DATA_FILE)
      void message.success(t('personalData.myDataDownloaded'))
    } catch (error) {
      void message.error(describeError(error))
    } finally {
      setIsDownloading(false)
    }
  }

  return (
    <section className="account-section" aria-labelledby="my-data-title">
      <h2 id="my-data-title" className="section-title">
        {t('personalData.myDataTitle')}
      </h2>
      <p className="account-section-text">{t('personalData.myDataIntro')}</p>
      <Button icon={<DownloadOutlined aria-hidden />} loading={isDownloading} onClick={download}>
        {t('personalData.myDataDownload')}
      </Button>
    </section>
  )
}

/** 注销账户: a public user closes their own account after typing their password; staff accounts cannot. */
function AccountClosure() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const navigate = useNavigate()
  const { clear } = useSession()
  const [isOpen, setIsOpen] = useState(false)
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [form] = Form.useForm<{ password: string }>()

  async function close({ password }: { password: string }) {
    setIsSubmitting(true)
    try {
      const { notice } = await api.post<{ notice: string }>('/api/auth/me/closure', { password }, { quiet: true })
      setIsOpen(false)
      // The server has ended every session of the account. Leave /me first (committed at once, not in a transition),
      // then forget the session here: forgetting it while still on /me would send the page to the login form.
      await navigate('/', { replace: true, flushSync: true })
      clear()
      modal.success({
        title: t('personalData.closureDoneTitle'),
        content: <p data-testid="closure-notice">{notice}</p>,
        okText: t('personalData.closureDoneOk'),
      })
    } catch (error) {
      const text =
        error instanceof ApiError && error.code === 'AUTH_INVALID_CREDENTIALS'
          ? t('identity.currentPasswordWrong')
          : describeError(error)
      form.setFields([{ name: 'password', errors: [text] }])
    } finally {
      setIsSubmitting(false)
    }
  }

  return (
    <section className="account-section account-closure" aria-labelledby="closure-title">
      <h2 id="closure-title" className="section-title">
        {t('personalData.closureTitle')}
      </h2>
      <p className="account-section-text">{t('personalData.closureIntro')}</p>
      <ul className="closure-facts">
        <li>
          <StopOutlined className="closure-erased-icon" aria-hidden /> {t('personalData.closureErased')}
        </li>
        <li>
          <CheckCircleOutlined className="closure-kept-icon" aria-hidden /> {t('personalData.closureKept')}
        </li>
      </ul>
      <Button danger onClick={() => setIsOpen(true)}>
        {t('personalData.closureButton')}
      </Button>
      <Modal
        open={isOpen}
        title={
          <span>
            <WarningOutlined className="closure-warning-icon" aria-hidden /> {t('personalData.closureModalTitle')}
          </span>
        }
        okText={t('personalData.closureConfirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: isSubmitting }}
        onOk={() => form.submit()}
        onCancel={() => setIsOpen(false)}
        afterClose={() => form.resetFields()}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('personalData.closureModalText')} className="modal-alert" />
        <Form form={form} layout="vertical" onFinish={close} disabled={isSubmitting}>
          <Form.Item
            name="password"
            label={t('personalData.closurePasswordLabel')}
            rules={[{ required: true, message: t('identity.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  )
}

/** The personal-data part of `/me`: everyone downloads their data; public users may also close their account. */
export function MyDataSection({ kind }: { kind: AccountKind }) {
  return (
    <>
      <MyDataDownload />
      {kind !== 'staff' && <AccountClosure />}
    </>
  )
}
