import type { ThemeConfig } from 'antd'

/** Government blue: 7:1 contrast on white for text and links, used for every primary accent. */
export const PRIMARY_BLUE = '#1e5aa8'

const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ')

// Sober and readable: square-ish corners, 15 px base text, darker secondary text than antd's default.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY_BLUE,
    colorLink: PRIMARY_BLUE,
    colorInfo: PRIMARY_BLUE,
    colorError: '#b3261e',
    colorSuccess: '#1f7a3a',
    colorWarning: '#a15c00',
    // Calm tinted backgrounds for alerts; antd would derive muddy ones from these darker status colours.
    colorSuccessBg: '#eef7f0',
    colorSuccessBorder: '#a9d5b4',
    colorErrorBg: '#fdf1f0',
    colorErrorBorder: '#efb8b3',
    colorWarningBg: '#fff8e8',
    colorWarningBorder: '#f0d08a',
    colorInfoBg: '#eef3fa',
    colorInfoBorder: '#b5c9e6',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.64)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.5)',
    borderRadius: 4,
    fontSize: 15,
    fontFamily: FONT_FAMILY,
  },
  components: {
    Layout: { headerBg: PRIMARY_BLUE, headerColor: '#ffffff', bodyBg: '#f3f5f8', siderBg: '#ffffff' },
    Menu: {
      itemSelectedColor: PRIMARY_BLUE,
      itemSelectedBg: '#e8f0fa',
      itemHoverBg: '#f0f4fa',
      itemActiveBg: '#dce7f5',
      activeBarBorderWidth: 0,
    },
  },
}
