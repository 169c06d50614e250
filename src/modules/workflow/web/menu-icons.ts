// The icons of this module's workbench menu entries, fetched with the workbench (lazyIcon), not with the portal.
export { BranchesOutlined, CheckSquareOutlined, PartitionOutlined } from '@ant-design/icons'
