import { ClockCircleOutlined } from '@ant-design/icons'
import { Card, Descriptions, type DescriptionsProps, Empty, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../kit/format.js'
import { roleLabel } from '../kit/labels.js'
import { useSession } from '../kit/session/useSession.js'
import { useDocumentTitle } from '../kit/useDocumentTitle.js'
import { listWorkbenchEntries } from './layout/workbench-menu.js'
import { MODULES } from './modules.js'

// Panels modules put on the workbench home (e.g. audit's open security alerts), for accounts allowed to see them.
const PANELS = MODULES.flatMap((module) => module.workbenchHomePanels ?? [])

function PreviousLogin() {
  const { t } = useTranslation()
  const { previousLogin } = useSession()
  if (previousLogin === undefined) return <span>{t('workbench.previousLoginUnknown')}</span>
  if (previousLogin === null) return <span>{t('workbench.previousLoginFirst')}</span>
  return (
    <span>
      {t('workbench.previousLoginValue', {
        at: formatDateTime(previousLogin.at),
        address: previousLogin.clientAddress,
      })}
    </span>
  )
}

/** `/workbench`: welcome, who I am here, when and where I last logged in, and the functions I can use. */
export function WorkbenchHomePage() {
  const { t } = useTranslation()
  const { account } = useSession()
  useDocumentTitle(t('workbench.menuHome'))
  if (!account) return null

  const items: DescriptionsProps['items'] = [
    {
      key: 'roles',
      label: t('workbench.roleLabel'),
      children:
        account.roles.length > 0 ? (
          <span className="tag-list">
            {account.roles.map((role) => (
              <Tag key={role} color="blue">
                {roleLabel(t, role)}
              </Tag>
            ))}
          </span>
        ) : (
          t('workbench.noRole')
        ),
    },
    {
      key: 'department',
      label: t('workbench.departmentLabel'),
      children: account.department?.name ?? t('workbench.noDepartment'),
    },
    {
      key: 'previousLogin',
      label: (
        <span>
          <ClockCircleOutlined aria-hidden /> {t('workbench.previousLoginLabel')}
        </span>
      ),
      children: <PreviousLogin />,
    },
  ]
  const shortcuts = listWorkbenchEntries(account.permissions).filter((entry) => entry.descriptionKey)

  return (
    <div className="page">
      <Card variant="outlined" className="welcome-card">
        <h1 className="page-title">{t('workbench.welcome', { name: account.displayName })}</h1>
        <Descriptions column={1} size="small" items={items} data-testid="workbench-welcome" />
        <p className="welcome-tip">{t('workbench.previousLoginTip')}</p>
      </Card>
      {PANELS.filter((panel) => account.permissions.includes(panel.permission)).map(({ key, component: Panel }) => (
        <Panel key={key} />
      ))}
      <section aria-labelledby="shortcuts-title" className="page-section">
        <h2 id="shortcuts-title" className="section-title">
          {t('workbench.shortcutsTitle')}
        </h2>
        {shortcuts.length === 0 ? (
          <Card variant="outlined">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.shortcutsEmpty')} />
          </Card>
        ) : (
          <ul className="shortcut-grid">
            {shortcuts.map((entry) => (
              <li key={entry.path}>
                <Link to={entry.path} className="shortcut">
                  <span className="shortcut-icon">{entry.icon}</span>
                  <span className="shortcut-text">
                    <span className="shortcut-title">{t(entry.labelKey)}</span>
                    <span className="shortcut-description">{t(entry.descriptionKey ?? '')}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
