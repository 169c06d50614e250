/** Where the job queue (and anything else that must be testable in time) reads the current time. */
export type Clock = { now(): Date }

/** The real time. */
export const systemClock: Clock = { now: () => new Date() }

/** A clock that tests move by hand. */
export type ManualClock = Clock & { set(date: Date): void; advance(ms: number): void }

/** A clock standing at `start` until `set` or `advance` moves it. */
export function createManualClock(start: Date): ManualClock {
  let current = start.getTime()
  return {
    now: () => new Date(current),
    set(date) {
      current = date.getTime()
    },
    advance(ms) {
      current += ms
    },
  }
}
