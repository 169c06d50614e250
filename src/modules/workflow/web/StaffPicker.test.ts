import { describe, expect, test } from 'vitest'
import { buildStaffTree } from './StaffPicker.js'

describe('picking staff by department', () => {
  test('staff sit under their own department, sub-departments under their parent, and departments cannot be picked', () => {
    const tree = buildStaffTree({
      departments: [
        { id: 'd1', code: '320581-SCJG', name: '市场监督管理局', parentId: null },
        { id: 'd2', code: '320581-SCJG-SP', name: '食品经营监管科', parentId: 'd1' },
      ],
      staff: [
        { loginName: 'liqiang', displayName: '李强', departmentId: 'd2' },
        { loginName: 'chenjing', displayName: '陈静', departmentId: null },
      ],
    })

    expect(tree.map((node) => node.title)).toEqual(['市场监督管理局', '陈静（chenjing）'])
    expect(tree[0]?.selectable).toBe(false)
    expect(tree[0]?.children[0]?.children.map((leaf) => leaf.value)).toEqual(['liqiang'])
  })
})
