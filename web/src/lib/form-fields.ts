/**
 * A text field of a submitted form: its value, or '' when it is missing or a file was sent in its
 * place (FormData values are strings or Files, and a File is never a valid text value here).
 */
export function formText(form: FormData, name: string): string {
  return textOf(form.get(name));
}

/** Every value of a repeated text field, files left out as ''. */
export function formTexts(form: FormData, name: string): string[] {
  return form.getAll(name).map(textOf);
}

function textOf(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? value : '';
}

/** Every text field as typed, so a refused form comes back as it was (files left out). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === 'string') values[name] = value;
  return values;
}
