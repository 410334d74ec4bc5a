// The domain words of product.md as value lists, shared by the store, the API schemas and the web app.

export const sourceKinds = ['ai_character', 'human_creator', 'studio', 'product_ad'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const campaignGoals = ['awareness', 'traffic', 'engagement', 'lead_generation', 'sales'] as const;
export type CampaignGoal = (typeof campaignGoals)[number];

export const assetKinds = ['image', 'video', 'carousel', 'text'] as const;
export type AssetKind = (typeof assetKinds)[number];

export const assetStates = ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'rejected'] as const;
export const assetActions = ['submit', 'approve', 'request_changes', 'reject', 'publish'] as const;
export const reviewDecisions = ['approve', 'request_changes', 'reject'] as const;
// The transition log also records an asset's creation, which is not an action on a state.
export const transitionActions = ['create', ...assetActions] as const;

export const placementKinds = ['organic', 'paid'] as const;
export type PlacementKind = (typeof placementKinds)[number];

export const channels = ['instagram', 'tiktok', 'youtube', 'x', 'facebook', 'linkedin', 'pinterest', 'snapchat', 'threads', 'twitch', 'other'] as const;
export type Channel = (typeof channels)[number];

/** The product's words with their indefinite article: "an awareness", "a lead generation", "an instagram". */
export function withArticle(words: string): string {
  const spaced = words.replaceAll('_', ' ');
  return `${/^[aeiou]/i.test(spaced) ? 'an' : 'a'} ${spaced}`;
}

export const paidTestKinds = ['creative_ab', 'holdout'] as const;
export type PaidTestKind = (typeof paidTestKinds)[number];

export const paidTestArmRoles = ['treatment', 'control', 'holdout'] as const;
export type PaidTestArmRole = (typeof paidTestArmRoles)[number];
