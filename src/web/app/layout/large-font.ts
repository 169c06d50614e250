import { useSyncExternalStore } from 'react'

// 适老化: older people read the portal in large type; the choice is kept on this browser.
const STORAGE_KEY = 'tongban.largeFont'
const listeners = new Set<() => void>()

function readStored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'on'
  } catch {
    // Storage can be blocked by browser policy; the page still works in normal type.
    return false
  }
}

let isLarge = typeof window === 'undefined' ? false : readStored()

/** Turns large-font mode on or off and remembers it on this browser. */
export function setLargeFont(value: boolean): void {
  isLarge = value
  try {
    window.localStorage.setItem(STORAGE_KEY, value ? 'on' : 'off')
  } catch {
    // Not remembered, but applies to this page.
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether the portal shows large type (适老化模式). */
export function useLargeFont(): boolean {
  return useSyncExternalStore(subscribe, () => isLarge)
}

/** antd tokens for large type: every antd component grows with the page text. */
export const LARGE_FONT_TOKENS = {
  fontSize: 19,
  fontSizeLG: 21,
  fontSizeSM: 16,
  fontSizeHeading4: 22,
  controlHeight: 40,
}
