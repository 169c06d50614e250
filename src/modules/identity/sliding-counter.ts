/**
 * Counts events per key (a client address, an account) in a sliding window, in this process's memory. Used for
 * login-flood alerts and the person-lookup rate limit: each process counts its own share, which is enough for both.
 */
export function createSlidingCounter({ windowMs }: { windowMs: number }) {
  const events = new Map<string, number[]>()

  /** Counts one event at `now` and answers how many the key has within the window, this one included. */
  function add(key: string, now: number): number {
    const recent = (events.get(key) ?? []).filter((at) => now - at < windowMs)
    recent.push(now)
    events.set(key, recent)
    if (events.size > 10_000) {
      // Forget keys with nothing inside the window, so a scan from many addresses cannot grow memory without end.
      for (const [other, times] of events) if (times.every((at) => now - at >= windowMs)) events.delete(other)
    }
    return recent.length
  }

  return { add }
}
