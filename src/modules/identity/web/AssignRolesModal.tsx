import { Alert, App, Checkbox, Modal } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, describeError } from '../../../web/kit/api.js'
import { roleLabel } from '../../../web/kit/labels.js'
import type { Role, StaffMember } from '../../../web/kit/types.js'
import { ADMINISTRATOR_ROLES, BUSINESS_ROLES } from './role-groups.js'

/** The account after the change; `grantCode` is set, once, when an administrator role was granted. */
export type RoleAssignment = StaffMember & { grantCode: string | null }

type AssignRolesModalProps = {
  member: StaffMember | undefined
  onClose: () => void
  onAssigned: (assignment: RoleAssignment) => void
}

/**
 * 授予角色 (安全管理员): tick the roles of one staff member; the server enforces 三员分离 and keeps the last holder
 * of each administrator role. Granting an administrator role answers a grant code, which the page shows once.
 */
export function AssignRolesModal({ member, onClose, onAssigned }: AssignRolesModalProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [roles, setRoles] = useState<Role[]>([])
  const [isSaving, setIsSaving] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  useEffect(() => {
    setRoles(member?.roles ?? [])
    setFailure(undefined)
  }, [member])

  const save = async () => {
    if (!member) return
    setIsSaving(true)
    setFailure(undefined)
    try {
      const updated = await api.put<RoleAssignment>(
        `/api/identity/staff/${member.id}/roles`,
        { roles },
        { quiet: true },
      )
      void message.success(t('identity.rolesAssigned', { name: updated.displayName }))
      onAssigned(updated)
    } catch (error) {
      setFailure(describeError(error))
    } finally {
      setIsSaving(false)
    }
  }

  const group = (legend: string, codes: readonly Role[]) => (
    <fieldset className="role-group">
      <legend>{legend}</legend>
      {codes.map((role) => (
        <Checkbox key={role} value={role}>
          {roleLabel(t, role)}
        </Checkbox>
      ))}
    </fieldset>
  )

  return (
    <Modal
      open={member !== undefined}
      title={member ? t('identity.assignRolesTitle', { name: member.displayName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="section-intro">{t('identity.roleSeparationHint')}</p>
      {failure && <Alert className="auth-alert" type="error" showIcon role="alert" title={failure} />}
      <Checkbox.Group
        className="role-groups"
        value={roles}
        onChange={(value) => setRoles(value as Role[])}
        data-testid="assign-roles"
      >
        {group(t('identity.businessRoles'), BUSINESS_ROLES)}
        {group(t('identity.administratorRoles'), ADMINISTRATOR_ROLES)}
      </Checkbox.Group>
    </Modal>
  )
}
