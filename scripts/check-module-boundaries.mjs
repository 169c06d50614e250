// Part of `npm run lint`: modules meet only through their public index.ts, platform code knows no domain, and the web
// side is layered shell → module pages → kit (STYLE.md §10):
//   - src/platform/** imports nothing from src/modules, src/web or src/demo;
//   - a file in src/modules/A imports another module B only as modules/B/index.ts (server) or modules/B/web/index.ts;
//   - server code of a module never imports the web side (src/web);
//   - no module file imports the shell (src/web/app/**);
//   - the shell imports a module only through its web/index.ts (the module's ModulePages), never a page by path;
//   - the web kit (src/web/kit/**) imports no module and not the shell.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function listSourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : listSourceFiles(full)
    return /\.(ts|tsx)$/.test(name) ? [full] : []
  })
}

function areaOf(srcDir, file) {
  const relative = path.relative(srcDir, file).split(path.sep)
  if (relative[0] === 'modules') return { kind: 'module', module: relative[1], isWeb: relative[2] === 'web' }
  if (relative[0] === 'web' && (relative[1] === 'app' || relative[1] === 'kit')) return { kind: relative[1] }
  return { kind: relative[0] ?? '' }
}

/** Every broken boundary under `srcDir`, one line each (`<file> imports <specifier>: <why>`). */
export function findBoundaryProblems(srcDir) {
  const root = path.dirname(srcDir)
  const problems = []
  for (const file of listSourceFiles(srcDir)) {
    const from = areaOf(srcDir, file)
    const isTest = /\.test\.tsx?$/.test(file)
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]
      if (!specifier?.startsWith('.')) continue
      const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts')
      if (!target.startsWith(srcDir + path.sep)) continue
      const to = areaOf(srcDir, target)
      const targetModule = target.replace(/\.tsx?$/, '')
      const isWebEntry = to.kind === 'module' && targetModule === path.join(srcDir, 'modules', to.module, 'web/index')
      const isWeb = ['web', 'app', 'kit'].includes(to.kind)
      const where = `${path.relative(root, file)} imports ${specifier}`
      // Platform tests may drive the whole application; platform code may not know any domain.
      if (from.kind === 'platform' && !isTest && (to.kind === 'module' || to.kind === 'demo' || isWeb)) {
        problems.push(`${where}: platform code must not depend on a domain module, the web side or demo data`)
      }
      if (from.kind === 'module' && to.kind === 'module' && to.module !== from.module) {
        const entry = path.join(srcDir, 'modules', to.module, from.isWeb ? 'web/index' : 'index')
        if (targetModule !== entry) {
          problems.push(`${where}: import ${to.module} via ${to.module}/${from.isWeb ? 'web/' : ''}index.ts`)
        }
      }
      if (from.kind === 'module' && !from.isWeb && !isTest && isWeb) {
        problems.push(`${where}: server code must not import the web side`)
      }
      if (from.kind === 'module' && to.kind === 'app') {
        problems.push(`${where}: a module must not import the shell (src/web/app); use the web kit (src/web/kit)`)
      }
      if (from.kind === 'app' && to.kind === 'module' && !isWebEntry) {
        problems.push(`${where}: the shell imports a module only via its web/index.ts (ModulePages)`)
      }
      if (from.kind === 'kit' && (to.kind === 'module' || to.kind === 'app')) {
        problems.push(`${where}: the web kit must import no module and not the shell`)
      }
    }
  }
  return problems
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const srcDir = path.resolve(import.meta.dirname, '..', 'src')
  const problems = findBoundaryProblems(srcDir)
  if (problems.length > 0) {
    console.error(`Module boundaries broken (${problems.length}):\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }
  console.log('module boundaries ok: modules meet only through index.ts; web: shell → module pages → kit')
}
