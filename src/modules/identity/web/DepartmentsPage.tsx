import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Skeleton, Tree, type TreeDataNode } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import { type Department, Permission } from '../../../web/kit/types.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { CreateDepartmentModal } from './CreateDepartmentModal.js'
import { invalidateDepartments, useDepartments } from './useDepartments.js'

function toTreeNode(department: Department): TreeDataNode {
  return {
    key: department.id,
    title: (
      <span className="department-node">
        <span>{department.name}</span>
        <span className="department-node-code">{department.code}</span>
      </span>
    ),
    children: department.children.map(toTreeNode),
  }
}

function countDepartments(departments: Department[]): number {
  return departments.reduce((total, department) => total + 1 + countDepartments(department.children), 0)
}

/** `/workbench/departments`: the centre and its departments as a tree. */
export function DepartmentsPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('identity.departmentsTitle'))
  const { data, error, isLoading, reload } = useDepartments()
  const canManage = hasPermission(useSession(), Permission.departmentsManage)
  const [isCreating, setIsCreating] = useState(false)

  let content: ReactNode
  if (isLoading) content = <Skeleton active paragraph={{ rows: 6 }} />
  else if (error || !data) {
    content = <LoadFailedAlert onRetry={reload} />
  } else if (data.departments.length === 0) {
    content = <Empty description={t('portal.departmentsEmpty')} />
  } else {
    const root: TreeDataNode = {
      key: `division-${data.division.code}`,
      title: (
        <span className="department-node department-node-root">
          <span>{data.division.fullName}</span>
          <span className="department-node-code">{data.division.code}</span>
        </span>
      ),
      children: data.departments.map(toTreeNode),
    }
    content = (
      <>
        <p className="section-intro">
          {t('identity.departmentsIntro', { name: data.division.name })}
          {' · '}
          {t('identity.departmentsCount', { count: countDepartments(data.departments) })}
        </p>
        <Tree
          treeData={[root]}
          defaultExpandAll
          showLine
          selectable={false}
          blockNode
          className="department-tree"
          data-testid="department-tree"
        />
      </>
    )
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('identity.departmentsTitle')}</h1>
        {canManage && (
          <div className="page-header-actions">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIsCreating(true)}>
              {t('identity.departmentCreate')}
            </Button>
          </div>
        )}
      </div>
      <Card variant="outlined">{content}</Card>
      {canManage && (
        <CreateDepartmentModal
          open={isCreating}
          departments={data?.departments ?? []}
          onClose={() => setIsCreating(false)}
          onCreated={() => {
            setIsCreating(false)
            invalidateDepartments()
            reload()
          }}
        />
      )}
    </div>
  )
}
