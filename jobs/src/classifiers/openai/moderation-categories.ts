import type { BrandSafetyCategory } from '@persona-ops/domain/core';

/**
 * OpenAI moderation categories (omni-moderation-latest) onto the brand-safety list.
 *
 * - `harassment`, `harassment/threatening` -> harassment (a threat also counts as violence)
 * - `hate`, `hate/threatening` -> hate (a threat also counts as violence)
 * - `sexual`, `sexual/minors` -> sexual
 * - `violence`, `violence/graphic` -> violence
 * - `self-harm`, `self-harm/intent`, `self-harm/instructions` -> self_harm
 * - `illicit` (advice on wrongdoing, e.g. "how to shoplift") -> controversial. Our list has no
 *   "illegal acts" category; controversial is the one a reviewer treats as "keep the brand away",
 *   and the chat prompt defines controversial to include illegal activity, so both sources agree.
 *   `illicit/violent` -> controversial and violence.
 *
 * Unknown categories (the API may add some) are ignored, never guessed.
 */
const MODERATION_TO_BRAND_SAFETY: Readonly<Record<string, readonly BrandSafetyCategory[]>> = {
  harassment: ['harassment'],
  'harassment/threatening': ['harassment', 'violence'],
  hate: ['hate'],
  'hate/threatening': ['hate', 'violence'],
  sexual: ['sexual'],
  'sexual/minors': ['sexual'],
  violence: ['violence'],
  'violence/graphic': ['violence'],
  'self-harm': ['self_harm'],
  'self-harm/intent': ['self_harm'],
  'self-harm/instructions': ['self_harm'],
  illicit: ['controversial'],
  'illicit/violent': ['controversial', 'violence'],
};

/** The brand-safety categories of one moderation result's `categories` (flagged ones only). */
export function moderationToBrandSafety(categories: object): BrandSafetyCategory[] {
  const found = new Set<BrandSafetyCategory>();
  for (const [name, flagged] of Object.entries(categories)) {
    if (flagged !== true) continue;
    for (const category of MODERATION_TO_BRAND_SAFETY[name] ?? []) found.add(category);
  }
  return [...found];
}
