// The icons of this module's workbench menu entries, fetched with the workbench (lazyIcon), not with the portal.
export { CheckSquareOutlined, FileSearchOutlined } from '@ant-design/icons'
