import { Spin } from 'antd'
import { type ComponentProps, type ComponentType, lazy, type ReactNode, Suspense } from 'react'
import { useTranslation } from 'react-i18next'

// Each page is its own chunk, fetched when first opened, so the portal home downloads only what it shows
// (ADR 0019): bpmn-js comes with the process designer and monitor, the workbench with the workbench.

const RELOADED_AT_KEY = 'tongban.chunkReloadedAt'
// One automatic reload per this window: a second failure right after it is not a redeploy, so say so instead.
const RELOAD_WINDOW_MS = 30_000

/** A page's code could not be fetched: after a redeploy the old chunk names are gone, or the network dropped. */
export class PageLoadError extends Error {
  override name = 'PageLoadError'
}

// Chromium, Firefox and Safari word a failed `import()` differently; Vite's preload helper adds the CSS case.
const CHUNK_FAILURE =
  /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i

function reloadedRecently(): boolean {
  try {
    return Date.now() - Number(window.sessionStorage.getItem(RELOADED_AT_KEY) ?? 0) < RELOAD_WINDOW_MS
  } catch {
    return true
  }
}

function markReloaded(): void {
  try {
    window.sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now()))
  } catch {
    // Without storage we cannot tell a loop from a redeploy: reloadedRecently() says yes, so no reload happens.
  }
}

async function loadPage<T>(load: () => Promise<T>): Promise<{ default: T }> {
  try {
    return { default: await load() }
  } catch (error) {
    if (!(error instanceof Error) || !CHUNK_FAILURE.test(error.message)) throw error
    if (!reloadedRecently()) {
      // The usual cause is a redeploy: the new index.html names the new chunks. Reload once to pick it up.
      markReloaded()
      window.location.reload()
      return new Promise<never>(() => undefined)
    }
    throw new PageLoadError(error.message, { cause: error })
  }
}

/** The spinner shown while a page's chunk downloads; delayed so a fast load does not flash it. */
export function PageLoading() {
  const { t } = useTranslation()
  return (
    <div className="page-loading" role="status">
      <Spin size="large" delay={200} description={t('common.loadingPage')} />
    </div>
  )
}

/**
 * A page component loaded on first render, e.g.
 * `const GuidePage = lazyPage(() => import('./GuidePage.js').then((m) => m.GuidePage))`.
 * A failed download reloads the page once (a redeploy), then shows the router's error page in Chinese.
 */
// biome-ignore lint/suspicious/noExplicitAny: a page may take any props; the result keeps the page's own props.
export function lazyPage<T extends ComponentType<any>>(
  load: () => Promise<T>,
  /** Shown while the code downloads; a part of a page (a form field) passes `null` instead of the page spinner. */
  fallback: ReactNode = <PageLoading />,
): ComponentType<ComponentProps<T>> {
  const Page = lazy(() => loadPage(load))
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module scope (a module's web/index.ts), never while rendering.
  function LazyPage(props: ComponentProps<T>) {
    return (
      <Suspense fallback={fallback}>
        <Page {...props} />
      </Suspense>
    )
  }
  return LazyPage
}

type IconComponent = ComponentType<{ 'aria-hidden'?: boolean }>

function NoIcon() {
  return null
}

/**
 * A menu icon fetched with the workbench, not with the portal, e.g.
 * `lazyIcon(() => import('./menu-icons.js').then((m) => m.TeamOutlined))`, where the module's menu-icons.ts
 * re-exports its icons from @ant-design/icons: the menu entries live in each module's web/index.ts, which the
 * portal loads, and the icons themselves would cost every citizen's phone a few kilobytes.
 */
export function lazyIcon(load: () => Promise<IconComponent>): IconComponent {
  const Icon = lazy<IconComponent>(() =>
    load().then(
      (icon) => ({ default: icon }),
      // An icon that cannot be fetched is left out; the menu label still says what the entry is.
      () => ({ default: NoIcon }),
    ),
  )
  // biome-ignore lint/correctness/noComponentHookFactories: called once per icon at module scope (a module's web/index.ts), never while rendering.
  function LazyIcon(props: { 'aria-hidden'?: boolean }) {
    return (
      <Suspense fallback={<span className="anticon" aria-hidden />}>
        <Icon {...props} />
      </Suspense>
    )
  }
  return LazyIcon
}
