// node-postgres turns each parameter into the text it sends with this function; it ships without types.
declare module 'pg/lib/utils.js' {
  export function prepareValue(value: unknown): string | Buffer | null
}
