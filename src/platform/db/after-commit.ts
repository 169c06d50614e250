/** Runs callbacks registered during a transaction once it has committed; one failure does not stop the rest. */
export async function runAfterCommit(callbacks: Array<() => void | Promise<void>>): Promise<void> {
  for (const callback of callbacks) {
    try {
      await callback()
    } catch (error) {
      // The transaction is already committed; an after-commit side effect must not turn it into a failure.
      process.emitWarning(`after-commit callback failed: ${(error as Error).message}`)
    }
  }
}
