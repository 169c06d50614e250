import type { ItemStatus } from '../catalog.schemas.js'

/** Colours of the editorial states in workbench tables. */
export const STATUS_COLOR: Record<ItemStatus | 'superseded', string> = {
  draft: 'default',
  submitted: 'gold',
  published: 'green',
  withdrawn: 'red',
  superseded: 'default',
}

/** Downloads a workbench file (the session cookie goes along; GET needs no CSRF token). */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin' })
  if (!response.ok) throw new Error(`download failed: ${response.status}`)
  const blob = await response.blob()
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = fileName
  link.click()
  URL.revokeObjectURL(link.href)
}
