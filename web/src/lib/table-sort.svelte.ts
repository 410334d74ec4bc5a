// A table's sort order, chosen by its column headers: one column at a time, a second press on the
// same header reverses it. Rows sort by the values the page names per column (numbers as numbers,
// text by the page's locale); missing values always go last, whichever the direction.
export type SortDirection = 'ascending' | 'descending';
type Sortable = string | number | null | undefined;

export class TableSort<Key extends string> {
  key = $state<Key | null>(null);
  direction = $state<SortDirection>('ascending');

  constructor(initial: { key: Key; direction: SortDirection } | null = null) {
    if (initial) {
      this.key = initial.key;
      this.direction = initial.direction;
    }
  }

  toggle(key: Key): void {
    if (this.key === key) this.direction = this.direction === 'ascending' ? 'descending' : 'ascending';
    else {
      this.key = key;
      this.direction = 'ascending';
    }
  }

  /** The header's aria-sort: screen readers say which column orders the rows, and how. */
  ariaSort(key: Key): SortDirection | 'none' {
    return this.key === key ? this.direction : 'none';
  }

  sorted<Row>(rows: readonly Row[], valueOf: (row: Row, key: Key) => Sortable): Row[] {
    const key = this.key;
    if (key === null) return [...rows];
    const sign = this.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => compareValues(valueOf(a, key), valueOf(b, key), sign));
  }
}

export function compareValues(a: Sortable, b: Sortable, sign: 1 | -1): number {
  const missingA = a === null || a === undefined || (typeof a === 'number' && !Number.isFinite(a));
  const missingB = b === null || b === undefined || (typeof b === 'number' && !Number.isFinite(b));
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  return sign * String(a).localeCompare(String(b), 'en-US', { numeric: true, sensitivity: 'base' });
}
