// fontkit ships no types; pdfkit accepts the parsed font object (anything with `layout`) in place of font bytes.
declare module 'fontkit' {
  export type Font = { postscriptName: string; layout: (...args: never[]) => unknown }
  export function create(buffer: Uint8Array, postscriptName?: string): Font
}
