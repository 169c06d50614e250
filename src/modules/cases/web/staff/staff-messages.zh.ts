/** Menu texts of the staff cases pages (group `casesStaff`). */
export const casesStaffZh = {
  menuWindow: '一窗受理',
  shortcutWindow: '为到窗口的群众和企业登记办件、打印收件凭证、当场受理',
  menuHandling: '本部门办件',
  shortcutHandling: '本部门的办件，按紧急程度排列',
  menuPreReview: '网上预审',
  shortcutPreReview: '网上提交的申请：预审通过或退回修改',
  menuAtRisk: '风险办件',
  shortcutAtRisk: '各部门临近时限（黄牌）和已超期（红牌）的办件',
}
