import { ExperimentOutlined, LoginOutlined } from '@ant-design/icons'
import { Card } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../../web/kit/i18n.js'
import { kindLabel, roleLabel } from '../../../web/kit/labels.js'
import type { DemoAccount } from '../../../web/kit/types.js'
import { useDemoAccounts } from './useDemoAccounts.js'

type DemoAccountsPanelProps = {
  audience: 'public' | 'staff'
  disabled: boolean
  onPick: (account: DemoAccount) => void
}

// The server labels roles in Chinese; in English, translate the role code (or the account kind) instead.
function describeDemoRole(t: TFunction, account: DemoAccount): string {
  if (currentLanguage() === 'zh' && account.roleLabel) return account.roleLabel
  return account.role ? roleLabel(t, account.role) : kindLabel(t, account.kind)
}

/** 演示账号: one click logs in as a seeded account. Shown only when the server runs in demo mode. */
export function DemoAccountsPanel({ audience, disabled, onPick }: DemoAccountsPanelProps) {
  const { t } = useTranslation()
  const { data } = useDemoAccounts()
  const accounts = (data ?? []).filter((account) => (account.kind === 'staff') === (audience === 'staff'))
  if (accounts.length === 0) return null
  return (
    <Card
      className="demo-panel"
      variant="outlined"
      title={
        <span>
          <ExperimentOutlined aria-hidden /> {t('identity.demoTitle')}
        </span>
      }
    >
      <p className="demo-hint">{t('identity.demoHint')}</p>
      <ul className="demo-list" data-testid="demo-accounts">
        {accounts.map((account) => {
          const detail = [describeDemoRole(t, account), account.department].filter(Boolean).join(' · ')
          return (
            <li key={account.loginName}>
              <button
                type="button"
                className="demo-account"
                disabled={disabled}
                aria-label={t('identity.demoLoginAs', { name: account.displayName })}
                onClick={() => onPick(account)}
              >
                <span className="demo-account-text">
                  <span className="demo-account-name">{account.displayName}</span>
                  <span className="demo-account-detail">{detail}</span>
                </span>
                <LoginOutlined aria-hidden className="demo-account-icon" />
              </button>
            </li>
          )
        })}
      </ul>
    </Card>
  )
}
