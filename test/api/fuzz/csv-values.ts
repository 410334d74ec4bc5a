import fc from 'fast-check';
import { badDays, badInstants, hostileStrings } from './hostile-values.ts';

// CSV files for the upload operations: the columns each import knows (and some it does not), rows
// of cells that are right, nearly right (another locale's number, a name instead of an id) or
// hostile (NUL, a stray quote, a number past every column), in UTF-8 with or without a BOM.

const columns: Record<string, string[]> = {
  'post /v1/imports/comments': ['Post ID', 'Comment ID', 'Comment', 'Timestamp', 'Author', 'Likes'],
  'post /v1/imports/post-metrics': ['Content', 'Video ID', 'Post URL', 'Views', 'Likes', 'Comments', 'Shares', 'Date', 'Reach', 'Impressions', 'Followers', 'Watch time (hours)'],
  'post /v1/imports/conversions': ['Day', 'Discount code', 'Orders', 'Revenue', 'Link', 'Clicks', 'Currency'],
  'post /v1/imports/fx-rates': ['day', 'base', 'quote', 'rate', 'Date', 'USD', 'JPY', 'GBP', ''],
  'post /v1/imports/cost-lines': ['Campaign', 'Source', 'Kind', 'Basis', 'Amount', 'Amount minor', 'Deliverables', 'Currency', 'Date', 'Status', 'Split', 'Shares', 'External ID', 'Note'],
};

const numbers = ['0', '1', '-5', '1.5', '1,234.56', '1.234,56', '1 234', '12%', '1e3', '1e400', '99999999999999999999', '2147483648', '9007199254740993', 'N/A', '-', 'NaN', '0x10'];
const words = ['creator_fee', 'usage_rights', 'other', 'flat', 'per_deliverable', 'planned', 'incurred', 'deliverables', 'equal', 'USD', 'EUR', 'usd', 'XXX', 'a camp', 'a char', 'A CAMP', 'a char:50;x:50', 'a char:150', 'x:', ':'];
const days = ['2026-03-01', '2026-03-01 10:00:00', '2026-03-01T10:00:00Z', '03/01/2026', '1/3/2026', '9999-12-31', '0001-01-01'];

const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

// The columns that name a record: the other workspace's ids go there, and only there (an id in a
// note is stored as text, and would be read back as if it had leaked).
const referenceColumns = new Set(['Post ID', 'Campaign', 'Source', 'Link']);

/** A CSV file for the operation; `ownIds` are the uploader's records, `anyIds` the other workspace's too. */
export function csvFile(operation: string, ownIds: fc.Arbitrary<string>, anyIds: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const known = columns[operation] ?? ['a', 'b'];
  const header = fc.oneof(
    { weight: 3, arbitrary: fc.constant(known) },
    { weight: 2, arbitrary: fc.subarray(known, { minLength: 1 }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 12 }), hostileStrings.filter((s) => s.length < 400)), { minLength: 1, maxLength: 6 }) },
  );
  const cell = (column: string | undefined) => fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...numbers, ...words, ...days) },
    { weight: 2, arbitrary: column !== undefined && referenceColumns.has(column) ? anyIds : ownIds },
    { weight: 1, arbitrary: fc.constantFrom(...badDays, ...badInstants) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: hostileStrings.filter((s) => s.length < 400) },
  );
  const written = (text: string, quote: boolean) => (quote || /[",\n\r]/.test(text) ? quoted(text) : text);
  // A row has a cell per column, sometimes one fewer or one more.
  const row = (names: string[]) => fc.tuple(fc.tuple(...names.map((name) => fc.tuple(cell(name), fc.boolean()))), fc.integer({ min: -1, max: 1 }), cell(undefined))
    .map(([cells, width, extra]) => {
      const texts = cells.map(([text, quote]) => written(text, quote));
      return width < 0 ? texts.slice(0, -1) : width > 0 ? [...texts, written(extra, false)] : texts;
    });
  return fc
    .tuple(header, fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
    .chain(([names, newline, bom, strayQuote]) =>
      fc.array(row(names), { maxLength: 6 }).map((rows) => {
        const text = [names.map((name) => written(name, false)), ...rows].map((cells) => cells.join(',')).join(newline) + newline;
        return `${bom ? '\ufeff' : ''}${text}${strayQuote ? '"unterminated,1\n' : ''}`;
      }),
    );
}
