import { EyeInvisibleOutlined, EyeOutlined, SearchOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import { Permission, type PersonSummary, type RevealedPerson } from '../../../web/kit/types.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { findIdNumberProblem } from './registration-rules.js'
import './personal-data.css'

// Full numbers stay on screen only as long as a clerk needs to compare them with the card in hand.
const REVEAL_SECONDS = 60

const toUpperTrimmed = (value: string | undefined) => (value ?? '').toUpperCase().replace(/\s/g, '')

type Lookup =
  | { state: 'idle' }
  | { state: 'found'; person: PersonSummary }
  | { state: 'missing' | 'failed'; text: string }

/** The full numbers with the audit note, hidden again after REVEAL_SECONDS or on demand. */
function RevealedDetails({ revealed, onHide }: { revealed: RevealedPerson; onHide: () => void }) {
  const { t } = useTranslation()
  const [secondsLeft, setSecondsLeft] = useState(REVEAL_SECONDS)

  useEffect(() => {
    const startedAt = Date.now()
    const timer = setInterval(() => {
      const left = REVEAL_SECONDS - Math.floor((Date.now() - startedAt) / 1000)
      if (left <= 0) onHide()
      else setSecondsLeft(left)
    }, 1000)
    return () => clearInterval(timer)
  }, [onHide])

  return (
    <Alert
      className="revealed-panel"
      type="warning"
      showIcon
      role="status"
      title={`${t('personalData.revealAudited')} · ${t('personalData.revealAutoHide', { seconds: secondsLeft })}`}
      description={
        <Descriptions
          column={1}
          size="small"
          data-testid="revealed-details"
          items={[
            {
              key: 'idNumber',
              label: t('personalData.peopleIdNumber'),
              children: <span className="revealed-value">{revealed.idNumber ?? t('common.none')}</span>,
            },
            {
              key: 'phone',
              label: t('personalData.peoplePhone'),
              children: <span className="revealed-value">{revealed.phone ?? t('common.none')}</span>,
            },
          ]}
        />
      }
      action={
        <Button size="small" icon={<EyeInvisibleOutlined aria-hidden />} onClick={onHide}>
          {t('personalData.revealHide')}
        </Button>
      }
    />
  )
}

function RevealModal({
  person,
  onClose,
  onRevealed,
}: {
  person: PersonSummary | undefined
  onClose: () => void
  onRevealed: (revealed: RevealedPerson) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ reason: string }>()
  const [isSubmitting, setIsSubmitting] = useState(false)

  async function reveal({ reason }: { reason: string }) {
    if (!person) return
    setIsSubmitting(true)
    try {
      const body = { reason: reason.trim() }
      onRevealed(await api.post<RevealedPerson>(`/api/identity/people/${person.id}/reveal`, body, { quiet: true }))
    } catch (error) {
      form.setFields([{ name: 'reason', errors: [describeError(error)] }])
    } finally {
      setIsSubmitting(false)
    }
  }

  return (
    <Modal
      open={person !== undefined}
      title={t('personalData.revealModalTitle', { name: person?.displayName ?? '' })}
      okText={t('personalData.revealConfirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: isSubmitting }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <p className="account-section-text">{t('personalData.revealModalText')}</p>
      <Form form={form} layout="vertical" onFinish={reveal} disabled={isSubmitting}>
        <Form.Item
          name="reason"
          label={t('personalData.revealReasonLabel')}
          rules={[
            { required: true, whitespace: true, message: t('personalData.revealReasonRequired') },
            { min: 4, max: 200, message: t('personalData.revealReasonLength') },
          ]}
        >
          <Input placeholder={t('personalData.revealReasonPlaceholder')} maxLength={200} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** `/workbench/people`: find a registered person by ID number (masked); clerks may reveal the full numbers. */
export function PeopleLookupPage() {
  const { t } = useTranslation()
  const session = useSession()
  useDocumentTitle(t('personalData.peopleTitle'))
  const [form] = Form.useForm<{ idNumber: string }>()
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' })
  const [isSearching, setIsSearching] = useState(false)
  const [revealing, setRevealing] = useState<PersonSummary | undefined>(undefined)
  const [revealed, setRevealed] = useState<RevealedPerson | undefined>(undefined)
  const canReveal = hasPermission(session, Permission.personalDataReveal)
  const hideRevealed = useCallback(() => setRevealed(undefined), [])

  async function search({ idNumber }: { idNumber: string }) {
    setIsSearching(true)
    setRevealed(undefined)
    try {
      const person = await api.get<PersonSummary>('/api/identity/people', { query: { idNumber }, quiet: true })
      setLookup({ state: 'found', person })
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        setLookup({ state: 'missing', text: t('personalData.peopleNotFound') })
      } else setLookup({ state: 'failed', text: describeError(error) })
    } finally {
      setIsSearching(false)
    }
  }

  const idNumberRule = {
    validator: async (_rule: unknown, value: string | undefined) => {
      const problem = value ? findIdNumberProblem(value) : undefined
      if (problem === 'format') throw new Error(t('identity.idNumberFormat'))
      if (problem === 'birthDate') throw new Error(t('identity.idNumberBirthDate'))
      if (problem === 'checkDigit') throw new Error(t('identity.idNumberCheckDigit'))
    },
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('personalData.peopleTitle')}</h1>
      </div>
      <p className="section-intro">{t('personalData.peopleIntro')}</p>
      <Card variant="outlined">
        <Form form={form} className="lookup-form" onFinish={search} layout="inline">
          <Form.Item
            name="idNumber"
            label={t('personalData.peopleIdNumberLabel')}
            normalize={toUpperTrimmed}
            rules={[{ required: true, message: t('identity.idNumberRequired') }, idNumberRule]}
            validateTrigger="onSubmit"
          >
            <Input
              className="lookup-id-input"
              placeholder={t('identity.idNumberPlaceholder')}
              maxLength={18}
              autoComplete="off"
              allowClear
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={isSearching}>
              {t('personalData.peopleSearch')}
            </Button>
          </Form.Item>
        </Form>

        <div className="lookup-result" aria-live="polite">
          {lookup.state === 'found' && (
            <>
              <Descriptions
                bordered
                column={1}
                size="middle"
                data-testid="person-summary"
                className="account-details"
                items={[
                  { key: 'name', label: t('personalData.peopleName'), children: lookup.person.displayName },
                  {
                    key: 'idNumber',
                    label: t('personalData.peopleIdNumber'),
                    children: lookup.person.maskedIdNumber,
                  },
                  {
                    key: 'phone',
                    label: t('personalData.peoplePhone'),
                    children: lookup.person.maskedPhone ?? t('common.none'),
                  },
                ]}
              />
              {canReveal && !revealed && (
                <Button
                  className="revealed-panel"
                  icon={<EyeOutlined aria-hidden />}
                  onClick={() => setRevealing(lookup.person)}
                >
                  {t('personalData.revealButton')}
                </Button>
              )}
              {revealed && <RevealedDetails revealed={revealed} onHide={hideRevealed} />}
            </>
          )}
          {lookup.state === 'missing' && <Empty description={lookup.text} />}
          {lookup.state === 'failed' && <Alert type="error" showIcon title={lookup.text} />}
        </div>
      </Card>
      <RevealModal
        person={revealing}
        onClose={() => setRevealing(undefined)}
        onRevealed={(value) => {
          setRevealing(undefined)
          setRevealed(value)
        }}
      />
    </div>
  )
}
