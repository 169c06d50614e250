import { ConfigError } from '../platform/config/index.js'
import { DataDirInUseError } from '../platform/db/index.js'

/** Runs a command-line task, printing one clear line instead of a stack trace for the errors people can fix. */
export function runCli(task: () => Promise<void>): void {
  task().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataDirInUseError) {
      console.error(error.message)
    } else {
      console.error(error)
    }
    process.exitCode = 1
  })
}
