/**
 * A form action (use:focusFirstError): once the page shows the form refused, focus goes to the
 * first field marked invalid, so a keyboard or screen-reader user lands on what to fix rather than
 * at the top of the page.
 */
export function focusFirstError(form: HTMLFormElement) {
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  invalid?.focus();
}
