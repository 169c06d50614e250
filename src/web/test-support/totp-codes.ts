import { generateSync } from 'otplib'

const PERIOD_SECONDS = 30
// Too close to the end of a window, a code may expire while it is being typed: wait for the next one.
const MIN_SECONDS_LEFT = 3

// The last time step each secret's code was handed out: the server accepts a code only once per window.
const usedSteps = new Map<string, number>()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits until the current 30-second window of `secret` is one no earlier code of this test process used and has at
 * least `minSecondsLeft` to run, then marks it used.
 */
export async function claimTotpWindow(secret: string, minSecondsLeft = MIN_SECONDS_LEFT): Promise<void> {
  for (;;) {
    const nowSeconds = Date.now() / 1000
    const step = Math.floor(nowSeconds / PERIOD_SECONDS)
    const secondsLeft = (step + 1) * PERIOD_SECONDS - nowSeconds
    const used = usedSteps.get(secret)
    if ((used === undefined || step > used) && secondsLeft >= minSecondsLeft) {
      usedSteps.set(secret, step)
      return
    }
    await sleep(secondsLeft * 1000 + 200)
  }
}

/**
 * A TOTP code for `secret` (otplib's `generateSync`, as an authenticator app computes it) from a 30-second window
 * no earlier code of this test process used, waiting for the next window when needed.
 */
export async function freshTotpCode(secret: string): Promise<string> {
  await claimTotpWindow(secret)
  return generateSync({ secret })
}
