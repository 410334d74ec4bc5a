/*
 * The executive's question: is our AI character worth it, for this job, against human creators,
 * studio shoots and plain product ads? Answered from the age-aligned comparison (each source over
 * its own first `windowDays` days), one answer per other source kind. Rules, top to bottom:
 *
 * | rule                | answer        | when                                                                  |
 * |---------------------|---------------|-----------------------------------------------------------------------|
 * | no_character        | open          | no AI character is old enough to compare (or has no launch date)      |
 * | no_other            | open          | no source of the other kind is old enough to compare                  |
 * | too_few_results     | open          | either side has fewer than MIN_POSTS posts in its window              |
 * | too_few_kpis        | open          | fewer than 2 deciding KPIs are known on both sides                    |
 * | wins                | ai_better     | the character is better on more deciding KPIs than it is worse        |
 * | losses              | other_better  | the other kind is better on more of them                              |
 * | even                | even          | as many wins as losses                                                |
 *
 * A side is the median of its aligned sources that know the value. A cost KPI (or ROI) of a source
 * whose cost is not recorded is unknown: it is left out, never read as free, and the answer says
 * so. What keeps an answer open is listed even when there is one.
 */
import { COMPARISON_KPIS, COST_DEPENDENT_KPIS, decisiveKpis, type ComparisonKpiId } from './comparison.ts';
import { median } from './stats.ts';
import type { CampaignGoal, SourceKind } from './vocabulary.ts';

export const MIN_POSTS = 3;

/** The cost per result a goal is bought at; ROI and net sentiment are shown for every goal. */
export const COST_PER_RESULT: Record<CampaignGoal, ComparisonKpiId> = {
  awareness: 'cpm',
  traffic: 'cpc',
  engagement: 'cpm',
  lead_generation: 'cpa',
  sales: 'cpa',
};


export type AnswerSource = {
  sourceId: string;
  name: string;
  kind: SourceKind;
  status: 'aligned' | 'too_new_to_compare' | 'no_launch_date';
  daysSinceLaunch: number | null;
  posts: number | null;
  /** false: some cost of its window is not recorded, so its cost KPIs are unknown. */
  costKnown: boolean;
  values: Partial<Record<ComparisonKpiId, number | null>>;
};

export type AnswerInput = {
  goal: CampaignGoal;
  windowDays: number;
  currency: string | null;
  sources: readonly AnswerSource[];
  /** Assets approved per kind whose brief opened in the last windowDays days; null: no asset in scope. */
  approvedAssets: Partial<Record<SourceKind, number | null>>;
};

export type KpiFace = {
  kpiId: ComparisonKpiId;
  direction: 'higher_is_better' | 'lower_is_better';
  ai: number | null;
  other: number | null;
  /** ai − other, in the KPI's unit; null unless both are known. */
  difference: number | null;
  /** The difference as a share of the other side's value, in percent; null when that is 0 or unknown. */
  relative: number | null;
  better: 'ai' | 'other' | 'tie' | null;
};

export type AnswerRule = 'no_character' | 'no_other' | 'too_few_results' | 'too_few_kpis' | 'wins' | 'losses' | 'even';
export type KindAnswer = {
  kind: Exclude<SourceKind, 'ai_character'>;
  answer: 'ai_better' | 'other_better' | 'even' | 'open';
  rule: AnswerRule;
  compared: { ai: string[]; other: string[] };
  deciding: KpiFace[];
  costPerResult: KpiFace;
  roi: KpiFace;
  netSentiment: KpiFace;
  velocity: { ai: number | null; other: number | null };
  samples: { aiPosts: number | null; otherPosts: number | null };
  /** What keeps the answer open (or less sure), in sentences. */
  open: string[];
  sentence: string;
};

export type ExecutiveAnswer = { goal: CampaignGoal; windowDays: number; currency: string | null; headline: string; kinds: KindAnswer[] };

const OTHER_KINDS = ['human_creator', 'studio', 'product_ad'] as const;
const KIND_WORDS: Record<(typeof OTHER_KINDS)[number], { plural: string; one: string }> = {
  human_creator: { plural: 'human creators', one: 'human creator' },
  studio: { plural: 'studio content', one: 'studio source' },
  product_ad: { plural: 'product ads', one: 'product ad' },
};
const KPI_WORDS: Partial<Record<ComparisonKpiId, string>> = {
  cpm: 'CPM', cpc: 'CPC', cpa: 'CPA', ctr: 'CTR', roi: 'ROI', sentiment: 'net sentiment', conversion_rate: 'conversion rate', target_actions: 'target actions',
  brand_mentions_per_post: 'brand mentions per post', engagement_rate: 'engagement rate', save_rate: 'save rate', share_rate: 'share rate',
};
const PERCENT_KPIS: ReadonlySet<ComparisonKpiId> = new Set(['ctr', 'roi', 'conversion_rate', 'engagement_rate', 'save_rate', 'share_rate']);

const words = (kpiId: ComparisonKpiId) => KPI_WORDS[kpiId] ?? kpiId.replaceAll('_', ' ');
function shown(kpiId: ComparisonKpiId, value: number | null, currency: string | null): string {
  if (value === null) return 'unknown';
  // Money with its code first and percentages to one decimal, as the dashboard writes them.
  if (COMPARISON_KPIS[kpiId].money) return `${currency ? `${currency} ` : ''}${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (PERCENT_KPIS.has(kpiId)) return `${Number(value.toFixed(1))} %`;
  if (kpiId === 'sentiment') return `${value >= 0 ? '+' : ''}${Number(value.toFixed(1))} points`;
  return `${Number(value.toFixed(2))}`;
}
const listed = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

function side(sources: readonly AnswerSource[], kpiId: ComparisonKpiId): number | null {
  const known = sources.flatMap((source) => {
    const value = source.values[kpiId];
    if (value === undefined || value === null) return [];
    if (COST_DEPENDENT_KPIS.has(kpiId) && !source.costKnown) return [];
    return [value];
  });
  return known.length === 0 ? null : median(known);
}

function face(kpiId: ComparisonKpiId, ai: readonly AnswerSource[], other: readonly AnswerSource[]): KpiFace {
  const { direction } = COMPARISON_KPIS[kpiId];
  const a = side(ai, kpiId);
  const o = side(other, kpiId);
  const difference = a === null || o === null ? null : a - o;
  const relative = difference === null || o === 0 || o === null ? null : (difference / Math.abs(o)) * 100;
  const better = difference === null ? null : difference === 0 ? 'tie' : (difference > 0) === (direction === 'higher_is_better') ? 'ai' : 'other';
  return { kpiId, direction, ai: a, other: o, difference, relative, better };
}

function versus(f: KpiFace, currency: string | null): string {
  const rel = f.relative === null ? '' : `, ${Math.abs(Math.round(f.relative))} % ${f.difference! > 0 ? 'higher' : 'lower'}`;
  return `${words(f.kpiId)} (${shown(f.kpiId, f.ai, currency)} vs ${shown(f.kpiId, f.other, currency)}${rel})`;
}

function answerFor(kind: (typeof OTHER_KINDS)[number], input: AnswerInput, ai: readonly AnswerSource[]): KindAnswer {
  const all = input.sources.filter((source) => source.kind === kind);
  const other = all.filter((source) => source.status === 'aligned');
  const decidingIds = decisiveKpis(input.goal);
  const deciding = decidingIds.map((kpiId) => face(kpiId, ai, other));
  const costPerResult = face(COST_PER_RESULT[input.goal], ai, other);
  const roi = face('roi', ai, other);
  const netSentiment = face('sentiment', ai, other);
  const words$ = KIND_WORDS[kind];
  const sumPosts = (sources: readonly AnswerSource[]) => (sources.length === 0 ? null : sources.reduce((sum, s) => sum + (s.posts ?? 0), 0));
  const samples = { aiPosts: sumPosts(ai), otherPosts: sumPosts(other) };

  const open: string[] = [];
  const tooNew = all.filter((source) => source.status === 'too_new_to_compare');
  if (tooNew.length > 0) open.push(`Too new to compare (younger than ${input.windowDays} days): ${listed(tooNew.map((s) => `${s.name} (${s.daysSinceLaunch} days)`))}.`);
  const undated = all.filter((source) => source.status === 'no_launch_date');
  if (undated.length > 0) open.push(`No launch date and no post: ${listed(undated.map((s) => s.name))}.`);
  const costUnknown = [...ai, ...other].filter((source) => !source.costKnown);
  if (costUnknown.length > 0) {
    open.push(`Cost not recorded for ${listed(costUnknown.map((s) => s.name))}: their ${listed([...new Set([costPerResult.kpiId, 'roi' as const, ...decidingIds.filter((id) => COST_DEPENDENT_KPIS.has(id))])].map(words))} are left out until it is.`);
  }
  const thin = [...ai, ...other].filter((source) => (source.posts ?? 0) < MIN_POSTS);
  if (thin.length > 0) open.push(`Too few posts in the window (under ${MIN_POSTS}): ${listed(thin.map((s) => `${s.name} (${s.posts ?? 0})`))}.`);

  const comparable = deciding.filter((f) => f.better !== null);
  const wins = comparable.filter((f) => f.better === 'ai');
  const losses = comparable.filter((f) => f.better === 'other');
  let rule: AnswerRule;
  if (ai.length === 0) rule = 'no_character';
  else if (other.length === 0) rule = 'no_other';
  else if ((samples.aiPosts ?? 0) < MIN_POSTS || (samples.otherPosts ?? 0) < MIN_POSTS) rule = 'too_few_results';
  else if (comparable.length < 2) rule = 'too_few_kpis';
  else rule = wins.length > losses.length ? 'wins' : losses.length > wins.length ? 'losses' : 'even';
  const answer = rule === 'wins' ? 'ai_better' : rule === 'losses' ? 'other_better' : rule === 'even' ? 'even' : 'open';

  const against = `Against ${words$.plural}${other.length > 0 ? ` (${listed(other.map((s) => s.name))})` : ''}`;
  const parts: string[] = [];
  if (rule === 'no_character') parts.push(`${against}: open, no AI character is ${input.windowDays} days old yet.`);
  else if (rule === 'no_other') parts.push(`${against}: open, no ${words$.one} is ${input.windowDays} days old yet.`);
  else if (rule === 'too_few_results') parts.push(`${against}: open, too few posts to judge.`);
  else if (rule === 'too_few_kpis') parts.push(`${against}: open, fewer than two of the KPIs that decide ${input.goal.replaceAll('_', ' ')} are known on both sides.`);
  else {
    const verdict = rule === 'wins' ? 'worth it' : rule === 'losses' ? `not worth it: ${words$.plural} do better` : 'a draw';
    parts.push(`${against}: ${verdict} for ${input.goal.replaceAll('_', ' ')} (better on ${wins.length} of ${comparable.length} deciding KPIs).`);
    if (wins.length > 0) parts.push(`Better on ${listed(wins.map((f) => versus(f, input.currency)))}.`);
    if (losses.length > 0) parts.push(`Worse on ${listed(losses.map((f) => versus(f, input.currency)))}.`);
  }
  if (costPerResult.better !== null && !decidingIds.includes(costPerResult.kpiId)) parts.push(`Cost per result: ${versus(costPerResult, input.currency)}.`);
  if (netSentiment.better !== null) parts.push(`Audience: ${versus(netSentiment, input.currency)}.`);
  // Production velocity: approved assets per week over the window.
  const perWeek = (approved: number | null | undefined) => (approved === null || approved === undefined ? null : approved / (input.windowDays / 7));
  const velocity = { ai: perWeek(input.approvedAssets.ai_character), other: perWeek(input.approvedAssets[kind]) };
  if (velocity.ai !== null && velocity.other !== null) parts.push(`Approved assets per week: ${Number(velocity.ai.toFixed(1))} vs ${Number(velocity.other.toFixed(1))}.`);

  return { kind, answer, rule, compared: { ai: ai.map((s) => s.name), other: other.map((s) => s.name) }, deciding, costPerResult, roi, netSentiment, velocity, samples, open, sentence: parts.join(' ') };
}

export function executiveAnswer(input: AnswerInput): ExecutiveAnswer {
  const ai = input.sources.filter((source) => source.kind === 'ai_character' && source.status === 'aligned');
  const kinds = OTHER_KINDS.map((kind) => answerFor(kind, input, ai));
  const period = `For ${input.goal.replaceAll('_', ' ')}, over each source's first ${input.windowDays} days:`;
  if (ai.length === 0) {
    return { goal: input.goal, windowDays: input.windowDays, currency: input.currency, headline: `${period} no AI character is old enough to compare yet.`, kinds };
  }
  const who = listed(ai.map((s) => s.name));
  const verdicts = kinds.map((k) => {
    const w = KIND_WORDS[k.kind].plural;
    if (k.answer === 'ai_better') return `beats ${w}`;
    if (k.answer === 'other_better') return `trails ${w}`;
    if (k.answer === 'even') return `draws with ${w}`;
    return `cannot be judged against ${w} yet`;
  });
  const headline = `${period} ${who} ${listed(verdicts)}.`;
  return { goal: input.goal, windowDays: input.windowDays, currency: input.currency, headline, kinds };
}
