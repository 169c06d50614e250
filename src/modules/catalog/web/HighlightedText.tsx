/** Text with the matched pieces in bold; the pieces are rendered as text, never as HTML. */
export function HighlightedText({ segments }: { segments: { text: string; isMatch: boolean }[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.isMatch ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed split of one string.
          <mark key={index} className="search-mark">
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed split of one string.
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  )
}
