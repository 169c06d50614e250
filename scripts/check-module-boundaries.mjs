// Part of `npm run lint`: modules meet only through their public index.ts, and platform code knows no domain.
//   - src/platform/** imports nothing from src/modules, src/web or src/demo;
//   - a file in src/modules/A imports another module B only as modules/B/index.ts (server) or modules/B/web/index.ts;
//   - server code of a module never imports the web shell (src/web).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const srcDir = path.join(root, 'src')
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function listSourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return listSourceFiles(full)
    return /\.(ts|tsx)$/.test(name) ? [full] : []
  })
}

function area(file) {
  const relative = path.relative(srcDir, file).split(path.sep)
  if (relative[0] === 'modules') return { kind: 'module', module: relative[1], isWeb: relative[2] === 'web' }
  return { kind: relative[0] ?? '' }
}

const problems = []
for (const file of listSourceFiles(srcDir)) {
  const from = area(file)
  const isTest = /\.test\.tsx?$/.test(file)
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]
    if (!specifier?.startsWith('.')) continue
    const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts')
    if (!target.startsWith(srcDir)) continue
    const to = area(target)
    const where = `${path.relative(root, file)} imports ${specifier}`
    // Platform tests may drive the whole application; platform code may not know any domain.
    if (from.kind === 'platform' && !isTest && ['modules', 'module', 'web', 'demo'].includes(to.kind)) {
      problems.push(`${where}: platform code must not depend on a domain module, the web shell or demo data`)
    }
    if (from.kind === 'module' && to.kind === 'module' && to.module !== from.module) {
      const entry = path.join(srcDir, 'modules', to.module, from.isWeb ? 'web/index' : 'index')
      if (target.replace(/\.tsx?$/, '') !== entry) {
        problems.push(`${where}: import ${to.module} via ${to.module}/${from.isWeb ? 'web/' : ''}index.ts`)
      }
    }
    if (from.kind === 'module' && !from.isWeb && !isTest && to.kind === 'web') {
      problems.push(`${where}: server code must not import the web shell`)
    }
  }
}

if (problems.length > 0) {
  console.error(`Module boundaries broken (${problems.length}):\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log('module boundaries ok: modules meet only through index.ts')
