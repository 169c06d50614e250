import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { HttpServer } from './create-http-server.js'

// Vite puts content-hashed files under /assets: a changed file gets a new name, so they can be cached for a year.
const IMMUTABLE = 'public, max-age=31536000, immutable'
// index.html names the current hashes, so the browser must always revalidate it.
const REVALIDATE = 'no-cache'

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>网页资源尚未构建</title>
<style>
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; padding: 48px 20px; color: #1f1f1f; background: #f5f7fa; }
main { max-width: 560px; margin: 0 auto; background: #fff; border-top: 4px solid #1e5aa8; padding: 24px 28px; }
h1 { font-size: 20px; margin: 0 0 12px; }
code { background: #eef2f7; padding: 2px 6px; }
</style>
</head>
<body>
<main>
<h1>网页资源尚未构建</h1>
<p>服务已启动，但尚未找到网页文件（dist/web/index.html）。</p>
<p>请在项目目录运行 <code>npm run build:web</code>，然后重新启动服务。接口仍可通过 <code>/api/</code> 访问。</p>
</main>
</body>
</html>
`

/** A page request: a GET outside /api/ from something that wants HTML (a browser navigation). */
function isPageRequest(request: FastifyRequest): boolean {
  const pathname = request.url.split('?')[0] ?? ''
  if (pathname === '/api' || pathname.startsWith('/api/')) return false
  return (request.headers.accept ?? '').includes('text/html')
}

function cacheControlFor(root: string, filePath: string): string {
  const relative = path.relative(root, filePath).split(path.sep).join('/')
  return relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE
}

/**
 * Serves the built web app from `distDir` (hashed assets cached long, index.html revalidated) and answers
 * every other page request with index.html so client-side routes survive a reload. All routes are public.
 * Without a build, page requests get a short Chinese page telling the operator to run `npm run build:web`.
 */
export async function registerWebAssets(app: HttpServer, distDir: string): Promise<void> {
  const root = path.resolve(distDir)
  const isBuilt = existsSync(path.join(root, 'index.html'))

  await app.register(async (web) => {
    // The web app's files are public; each API call they make keeps its own access rule.
    web.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' }
    })

    if (!isBuilt) {
      app.log.warn({ distDir: root }, 'web assets are not built; run `npm run build:web`')
      const notBuilt = async (request: FastifyRequest, reply: FastifyReply) => {
        if (!isPageRequest(request)) return reply.callNotFound()
        return reply
          .status(503)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(NOT_BUILT_PAGE)
      }
      web.get('/', { schema: { hide: true }, config: { access: 'public' } }, notBuilt)
      web.get('/*', { schema: { hide: true }, config: { access: 'public' } }, notBuilt)
      return
    }

    await web.register(fastifyStatic, {
      root,
      prefix: '/',
      // One route per built file, found at start; the catch-all below handles client-side routes.
      wildcard: false,
      // The build writes `x.js.br` and `x.js.gz` beside `x.js` (vite.config.ts, ADR 0019): a browser that accepts
      // brotli or gzip gets those bytes as they are, with `Vary: accept-encoding` so no shared cache mixes them up.
      preCompressed: true,
      // They are variants of their file, never addresses of their own.
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', cacheControlFor(root, filePath))
      },
    })

    web.get('/*', { schema: { hide: true }, config: { access: 'public' } }, async (request, reply) => {
      if (!isPageRequest(request)) return reply.callNotFound()
      return reply.header('cache-control', REVALIDATE).sendFile('index.html', root, { cacheControl: false })
    })
  })
}
