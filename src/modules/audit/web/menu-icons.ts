// The icons of this module's workbench menu entries, fetched with the workbench (lazyIcon), not with the portal.
export { AlertOutlined, AuditOutlined } from '@ant-design/icons'
