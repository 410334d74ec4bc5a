// The language the classifier detected in a comment, for people: an ISO 639-1 code becomes its
// English name ("fr" -> "French"); 'und' means the text did not say (emoji, a word or two); null
// means no language was detected (classified before detection existed, or by a classifier that
// does not detect it).
const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

export function languageName(code: string | null | undefined): string {
  if (code === null || code === undefined) return 'Not detected';
  if (code === 'und') return 'Undetermined';
  try {
    return names.of(code) ?? code;
  } catch {
    // not a well-formed language tag: show it as stored
    return code;
  }
}
