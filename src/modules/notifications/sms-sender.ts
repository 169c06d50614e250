/** One text message to send. `reference` is the outbox row id, for the gateway's receipt and for logs. */
export type SmsMessage = { phone: string; text: string; reference: string }

/**
 * The seam to an SMS gateway. `send` resolves when the gateway accepted the message and throws when it refused or
 * could not be reached (the message is tried again with back-off). Implementations must never log the phone number
 * or the text.
 */
export interface SmsSender {
  /** Stored with each message it took (outbox.adapter): never rename an adapter once used. */
  readonly name: string
  send(message: SmsMessage): Promise<void>
}

/** A logger that takes no personal data: only the reference and sizes are given to it. */
export type SmsLogger = { info(details: object, message: string): void }

/**
 * The adapter until a gateway is configured: the message stays recorded in the outbox (state sent, adapter
 * `log-only`, so the admin page says 仅记录，未发送) and one log line names its reference; nothing leaves the server.
 */
export function createLogOnlySmsSender(logger: SmsLogger = { info: () => undefined }): SmsSender {
  return {
    name: 'log-only',
    async send(message) {
      logger.info(
        { reference: message.reference, characters: message.text.length },
        'text message recorded (no SMS gateway)',
      )
    },
  }
}
