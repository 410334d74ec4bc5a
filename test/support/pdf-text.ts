import { inflateSync } from 'node:zlib';

// The text of a PDF as pdfkit writes it with the standard fonts: each text-showing operator (Tj,
// TJ) of each page content stream, hex or literal strings in WinAnsi, one line per operator.
// Enough to read back what the report printed; not a general PDF reader (no fonts with their own
// encodings, no object streams), which these PDFs do not use.

const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };

function decode(bytes: number[]): string {
  return bytes.map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('');
}

function hexBytes(hex: string): number[] {
  const clean = hex.replace(/\s+/g, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 2) out.push(parseInt(clean.slice(i, i + 2).padEnd(2, '0'), 16));
  return out;
}

function literalBytes(body: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (char !== '\\') {
      out.push(char.charCodeAt(0));
      continue;
    }
    const next = body[i + 1]!;
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0];
    if (octal) {
      out.push(parseInt(octal, 8));
      i += octal.length;
    } else {
      out.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return out;
}

/** The strings shown by one content stream, an operator a line. */
function textOfContent(content: string): string[] {
  const lines: string[] = [];
  const operator = /\[((?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|[^\]])*)\]\s*TJ|<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g;
  for (const match of content.matchAll(operator)) {
    if (match[1] !== undefined) {
      const parts = [...match[1].matchAll(/<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\)/g)];
      lines.push(parts.map((p) => decode(p[1] !== undefined ? hexBytes(p[1]) : literalBytes(p[2]!))).join(''));
    } else if (match[2] !== undefined) lines.push(decode(hexBytes(match[2])));
    else lines.push(decode(literalBytes(match[3]!)));
  }
  return lines;
}

/** Every line of text in the PDF, in the order its streams appear. */
export function pdfText(pdf: Buffer): string[] {
  const lines: string[] = [];
  const binary = pdf.toString('latin1');
  const stream = /<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g;
  for (let match = stream.exec(binary); match; match = stream.exec(binary)) {
    const start = match.index + match[0].length;
    const end = binary.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    const content = /\/FlateDecode/.test(match[1]!) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
    lines.push(...textOfContent(content));
    stream.lastIndex = end;
  }
  return lines;
}
