/** Texts of the cases pages that the shell shows (header link); the pages themselves are written in Chinese. */
export const casesZh = {
  navMine: '我的办件',
  navStatus: '办件查询',
}
