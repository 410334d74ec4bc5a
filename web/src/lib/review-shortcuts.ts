import type { ReviewDecision } from '#lib/api/client.ts';

/** The review page's keys: documented on the page, read by shortcutOf. */
export const reviewShortcuts: ReadonlyArray<{ key: string; decision: ReviewDecision; label: string }> = [
  { key: 'a', decision: 'approve', label: 'Approve' },
  { key: 'c', decision: 'request_changes', label: 'Request changes' },
  { key: 'r', decision: 'reject', label: 'Reject' },
];

type KeyPress = { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; repeat: boolean; target: EventTarget | null };

// Where a letter is text being typed, not a command.
function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return false;
  const element = target as { tagName: string; isContentEditable?: boolean; type?: string };
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  return element.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(element.type ?? 'text');
}

/**
 * The decision a key press asks for, or null: a bare letter (no Ctrl, Alt or Cmd, not held down)
 * outside any field, so typing a reason never decides, nor does a browser shortcut.
 */
export function shortcutOf(press: KeyPress): ReviewDecision | null {
  if (press.altKey || press.ctrlKey || press.metaKey || press.repeat || isTyping(press.target)) return null;
  return reviewShortcuts.find((shortcut) => shortcut.key === press.key.toLowerCase())?.decision ?? null;
}
