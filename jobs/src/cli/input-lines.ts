/**
 * Lines of a byte stream, split on "\n" only; a "\r" just before the "\n" (Windows line ends) is
 * dropped. A lone "\r", U+2028 or U+2029 stays inside its line (readline splits on those, which turns
 * one comment into several). UTF-8 characters split across chunks are decoded whole. A last line
 * without "\n" is yielded; an input ending in "\n" has no empty line after it.
 */
export async function* inputLines(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of stream) {
    // Only the new text is searched: a very long line arriving in many chunks is scanned once.
    const searchFrom = pending.length;
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = pending.indexOf('\n', searchFrom); end >= 0; end = pending.indexOf('\n', start)) {
      yield withoutCarriageReturn(pending.slice(start, end));
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== '') yield withoutCarriageReturn(pending);
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
