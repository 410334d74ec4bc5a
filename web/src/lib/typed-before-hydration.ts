/**
 * What a reader typed, chose or ticked in the server's HTML before the page's scripts ran.
 *
 * Hydration sets every field whose markup names its value (`value={…}`, a textarea's text,
 * `selected={…}`, `checked={…}`) to what the component renders, which is the server's value: a
 * field filled while the scripts were still loading came back empty or with its default, and the
 * form was sent without it. The forms stay plain HTML forms (they work without JavaScript, and a
 * field follows its value when a client navigation changes the data), so the root layout reads the
 * fields the reader changed just before the page hydrates and puts them back once it has.
 *
 * A field counts as changed when it differs from its own markup (value against defaultValue,
 * checked against defaultChecked, an option's selected against defaultSelected), which is also
 * what a browser restores on back/forward: that survives hydration too.
 */
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
type Kept = { field: Field; restore: () => void };

// File inputs cannot be set from a script, and hydration leaves them alone; buttons hold no entry.
const UNTYPED = new Set(['file', 'hidden', 'submit', 'reset', 'button', 'image']);

function defaultSelection(select: HTMLSelectElement): boolean[] {
  const options = [...select.options];
  const marked = options.map((option) => option.defaultSelected);
  if (select.multiple) return marked;
  // A single select shows its last option marked selected, or else its first enabled one.
  const last = marked.lastIndexOf(true);
  const shown = last >= 0 ? last : options.findIndex((option) => !option.disabled);
  return options.map((_, index) => index === shown);
}

function keep(field: Field): Kept | null {
  if (field instanceof HTMLSelectElement) {
    const chosen = [...field.options].map((option) => option.selected);
    const byDefault = defaultSelection(field);
    if (chosen.every((selected, index) => selected === byDefault[index])) return null;
    const values = new Set([...field.selectedOptions].map((option) => option.value));
    return { field, restore: () => [...field.options].forEach((option) => (option.selected = values.has(option.value))) };
  }
  if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
    const { checked } = field;
    return checked === field.defaultChecked ? null : { field, restore: () => (field.checked = checked) };
  }
  if (field instanceof HTMLInputElement && UNTYPED.has(field.type)) return null;
  const { value } = field;
  return value === field.defaultValue ? null : { field, restore: () => (field.value = value) };
}

/**
 * Reads the changed fields under `root` now (call it before the fields hydrate) and answers the
 * function that puts them back (call it once they have). Restored fields announce `input` and
 * `change`, as the reader's own edit would have, so a handler that follows a field sees it.
 */
export function keepTypedBeforeHydration(root: ParentNode): () => void {
  const kept = [...root.querySelectorAll<Field>('input, textarea, select')].map(keep).filter((k) => k !== null);
  return () => {
    // A field the hydration replaced rather than reused is gone from the page: nothing to restore.
    const present = kept.filter(({ field }) => field.isConnected);
    for (const { restore } of present) restore();
    for (const { field } of present) {
      if (field instanceof HTMLInputElement && field.type === 'radio' && !field.checked) continue;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
    }
  };
}
