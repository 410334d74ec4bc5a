import type { RowProblem } from './comment-import.ts';
import { invalidInput } from './errors.ts';
import { readCount, readDay, readDurationSeconds, readMoment, readMoneyMinor, type Read } from './export-values.ts';

// Platform exports: which column of an Instagram, TikTok or YouTube post-analytics export, or of a
// GA4 or Shopify report, holds which field, and one row of it read into plain values. The presets
// list each field's column names in the order they are preferred, so a file carrying both
// "Total sales" and "Net sales" maps the first one only.

export const importKindsByPlatform = {
  'post-metrics': ['instagram', 'tiktok', 'youtube'],
  conversions: ['ga4', 'shopify'],
} as const;
export type PlatformImportKind = keyof typeof importKindsByPlatform;
export const platformImportKinds = Object.keys(importKindsByPlatform) as PlatformImportKind[];
export const importPlatforms = ['instagram', 'tiktok', 'youtube', 'ga4', 'shopify'] as const;
export type ImportPlatform = (typeof importPlatforms)[number];

export const postMetricFields = [
  'platformPostId', 'postUrl', 'publishedAt', 'capturedAt',
  'views', 'reach', 'impressions', 'likes', 'comments', 'shares', 'saves', 'profileVisits', 'linkClicks', 'follows', 'returningViewers',
  'watchTimeHours', 'watchTimeMinutes', 'watchTimeSeconds', 'followers',
] as const;
export type PostMetricField = (typeof postMetricFields)[number];

export const conversionFields = [
  'day', 'code', 'utmCampaign', 'utmContent', 'utmSource', 'utmMedium', 'sourceMedium', 'landingUrl',
  'clicks', 'sessions', 'registrations', 'targetActions', 'sales', 'revenue',
] as const;
export type ConversionField = (typeof conversionFields)[number];

export const fieldsOfKind = { 'post-metrics': postMetricFields, conversions: conversionFields } as const;

// The counters of a metric snapshot a post-metrics row may carry (watch time arrives in one of
// three units and is stored in seconds).
const snapshotCounterFields = ['views', 'reach', 'impressions', 'likes', 'comments', 'shares', 'saves', 'profileVisits', 'linkClicks', 'follows', 'returningViewers'] as const;
type SnapshotCounter = (typeof snapshotCounterFields)[number] | 'watchTimeSeconds';
const conversionCountFields = ['clicks', 'sessions', 'registrations', 'targetActions', 'sales'] as const;

type Preset<F extends string> = Partial<Record<F, readonly string[]>>;

// Column names as the platforms write them in their English exports. Sources: Meta Business
// Suite / Instagram "Content" CSV export; TikTok Studio "Content" export (names vary between the
// app, TikTok Studio and the older Analytics page, so several are listed, some assumed from the
// on-screen labels); YouTube Studio advanced mode "Table data.csv"; GA4 report CSV download;
// Shopify analytics report CSV. A name marked "assumed" was not seen in a real file.
export const postMetricPresets: Record<'instagram' | 'tiktok' | 'youtube', Preset<PostMetricField>> = {
  instagram: {
    platformPostId: ['Post ID', 'Media ID'],
    postUrl: ['Permalink', 'Post link', 'Link'],
    publishedAt: ['Publish time', 'Published'],
    capturedAt: ['Captured at'], // assumed: Meta exports carry no capture time, only "Date: Lifetime"
    views: ['Views', 'Plays', 'Video views'],
    reach: ['Reach', 'Accounts reached'],
    impressions: ['Impressions'],
    likes: ['Likes'],
    comments: ['Comments'],
    shares: ['Shares'],
    saves: ['Saves', 'Saved'],
    profileVisits: ['Profile visits', 'Profile activity'],
    linkClicks: ['Link clicks', 'Website clicks', 'External link taps'],
    follows: ['Follows', 'Follows from post'],
    watchTimeSeconds: ['Watch time (sec)'], // assumed
    followers: ['Followers'], // assumed: account-level exports only
  },
  tiktok: {
    platformPostId: ['Video ID', 'Post ID'],
    postUrl: ['Video link', 'Video URL', 'Link'],
    publishedAt: ['Post time', 'Posted', 'Date posted', 'Create time'],
    capturedAt: ['Captured at'], // assumed
    views: ['Total views', 'Video views', 'Views'],
    reach: ['Reached audience', 'Total reach', 'Reach'],
    impressions: ['Impressions'], // assumed: TikTok reports views, not impressions
    likes: ['Total likes', 'Likes'],
    comments: ['Total comments', 'Comments'],
    shares: ['Total shares', 'Shares'],
    saves: ['Total saves', 'Favorites', 'Saves'],
    profileVisits: ['Profile views', 'Profile visits'],
    linkClicks: ['Link clicks'], // assumed
    follows: ['New followers', 'Follows'],
    watchTimeHours: ['Total watch time (hours)'], // assumed
    watchTimeSeconds: ['Total play time', 'Total watch time', 'Total time watched (s)'],
    followers: ['Followers', 'Total followers'],
  },
  youtube: {
    platformPostId: ['Content', 'Video', 'Video ID'],
    postUrl: ['Video URL', 'Link'], // assumed: Studio exports name the video by id only
    publishedAt: ['Video publish time', 'Published'],
    capturedAt: ['Captured at'], // assumed
    views: ['Views'],
    impressions: ['Impressions'],
    likes: ['Likes'],
    comments: ['Comments added', 'Comments'],
    shares: ['Shares'],
    follows: ['Subscribers gained', 'Subscribers'],
    returningViewers: ['Returning viewers'],
    watchTimeHours: ['Watch time (hours)'],
    watchTimeMinutes: ['Watch time (minutes)'],
  },
};

export const conversionPresets: Record<'ga4' | 'shopify', Preset<ConversionField>> = {
  ga4: {
    day: ['Date'],
    utmCampaign: ['Session campaign', 'Session manual campaign name', 'First user campaign', 'Campaign'],
    utmContent: ['Session manual ad content', 'Manual ad content'],
    utmSource: ['Session source', 'Session manual source'],
    utmMedium: ['Session medium', 'Session manual medium'],
    sourceMedium: ['Session source / medium', 'Session manual source / medium', 'First user source / medium'],
    landingUrl: ['Landing page + query string', 'Page path + query string'],
    sessions: ['Sessions'],
    clicks: ['Clicks'], // assumed: only with a linked Ads account
    registrations: ['Sign ups', 'sign_up'], // assumed: the event's name when shown as a column
    targetActions: ['Key events', 'Conversions'],
    sales: ['Transactions', 'Ecommerce purchases', 'Purchases'],
    revenue: ['Total revenue', 'Purchase revenue'],
  },
  shopify: {
    day: ['Day', 'Date'],
    code: ['Discount code', 'Discount name'],
    utmCampaign: ['UTM campaign name', 'UTM campaign'],
    utmContent: ['UTM campaign content', 'UTM content'],
    utmSource: ['UTM campaign source', 'UTM source'],
    utmMedium: ['UTM campaign medium', 'UTM medium'],
    landingUrl: ['Landing page URL', 'Landing page'],
    sessions: ['Sessions', 'Online store sessions'],
    sales: ['Orders'],
    revenue: ['Total sales', 'Net sales', 'Gross sales'],
  },
};

export function presetOf(kind: PlatformImportKind, platform: string): Preset<string> {
  const presets: Record<string, Preset<string>> = kind === 'post-metrics' ? postMetricPresets : conversionPresets;
  const preset = presets[platform];
  if (!preset) throw invalidInput(`"${platform}" is not a platform of ${kind} imports; use one of ${importKindsByPlatform[kind].join(', ')}.`, { field: 'platform' });
  return preset;
}

const fold = (name: string) => name.normalize('NFKC').trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** Checks a mapping (column -> field) names only fields of the kind; the error names the fix. */
export function checkMappingFields(kind: PlatformImportKind, mapping: Readonly<Record<string, string>>, field = 'mapping'): Record<string, string> {
  const fields: readonly string[] = fieldsOfKind[kind];
  for (const [column, target] of Object.entries(mapping)) {
    if (!fields.includes(target)) {
      throw invalidInput(`The mapping sends column "${column}" to "${target}", which is not a field of ${kind} imports; use one of ${fields.join(', ')}.`, { field });
    }
  }
  return { ...mapping };
}

/**
 * The mapping (column -> field) of a header: the explicit mapping wins, then the workspace's saved
 * one (its entries for columns this file has), then the preset. Each field goes to one column.
 * Fails naming the missing field and the columns the file has.
 */
export function resolveImportMapping(
  kind: PlatformImportKind,
  platform: string,
  header: readonly string[],
  explicit: Readonly<Record<string, string>> = {},
  saved: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const preset = presetOf(kind, platform);
  checkMappingFields(kind, explicit);
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  for (const [column, field] of Object.entries(explicit)) {
    if (!header.includes(column)) throw invalidInput(`The mapping names column "${column}", which the file's header does not have; its columns are: ${header.join(', ')}.`, { field: 'mapping' });
    if (taken.has(field)) throw invalidInput(`The mapping sends two columns to "${field}"; send one.`, { field: 'mapping' });
    mapping[column] = field;
    taken.add(field);
  }
  for (const [column, field] of Object.entries(saved)) {
    if (header.includes(column) && !(column in mapping) && !taken.has(field) && (fieldsOfKind[kind] as readonly string[]).includes(field)) {
      mapping[column] = field;
      taken.add(field);
    }
  }
  const byFold = new Map(header.map((column) => [fold(column), column]));
  for (const [field, names] of Object.entries(preset) as Array<[string, readonly string[]]>) {
    if (taken.has(field)) continue;
    const column = names.map((name) => byFold.get(fold(name))).find((found) => found !== undefined && !(found in mapping));
    if (column !== undefined) {
      mapping[column] = field;
      taken.add(field);
    }
  }
  const missing = requiredMissing(kind, taken);
  if (missing.length > 0) {
    const example = kind === 'post-metrics' ? '{"Video":"platformPostId"}' : '{"Campaign":"utmCampaign"}';
    throw invalidInput(
      `The file has no column for ${missing.join('; ')}. Its columns are: ${header.join(', ')}. Name the columns with mapping, e.g. mapping=${example}.`,
      { field: 'mapping', missing },
    );
  }
  return mapping;
}

function requiredMissing(kind: PlatformImportKind, taken: ReadonlySet<string>): string[] {
  const any = (fields: readonly string[]) => fields.some((field) => taken.has(field));
  if (kind === 'post-metrics') {
    return [
      ...(any(['platformPostId', 'postUrl']) ? [] : ['platformPostId or postUrl (which post)']),
      ...(any([...snapshotCounterFields, 'watchTimeHours', 'watchTimeMinutes', 'watchTimeSeconds', 'followers']) ? [] : [`a counter (one of ${snapshotCounterFields.join(', ')}, watchTime…)`]),
    ];
  }
  return [
    ...(taken.has('day') ? [] : ['day']),
    ...(any(['code', 'utmCampaign', 'utmContent', 'sourceMedium', 'landingUrl']) ? [] : ['code, utmCampaign, utmContent or landingUrl (which link or code)']),
    ...(any([...conversionCountFields, 'revenue']) ? [] : [`a count (one of ${conversionCountFields.join(', ')}, revenue)`]),
  ];
}

function cells(record: Readonly<Record<string, string>>, mapping: Readonly<Record<string, string>>) {
  const columnOf = new Map(Object.entries(mapping).map(([column, field]) => [field, column] as const));
  return {
    column: (field: string) => columnOf.get(field) ?? null,
    text: (field: string) => {
      const column = columnOf.get(field);
      return column === undefined ? '' : (record[column] ?? '').trim();
    },
  };
}

// Summary rows that some exports put among the data (YouTube Studio's "Total", GA4's "Grand total").
const totalRow = /^(grand )?totals?$/i;

function collect<T>(problems: RowProblem[], column: string | null, read: Read<T> | null): T | undefined {
  if (read === null) return undefined;
  if ('problem' in read) {
    problems.push({ column, reason: read.problem });
    return undefined;
  }
  return read.value;
}

export type PostMetricRow = {
  platformPostId?: string;
  postUrl?: string;
  publishedAt?: string;
  capturedAt?: string;
  counters: Partial<Record<SnapshotCounter, number>>;
  followers?: number;
};

export type ReadRow<T> = { row: T } | { problems: RowProblem[] } | { skip: string };

export function readPostMetricRow(record: Readonly<Record<string, string>>, mapping: Readonly<Record<string, string>>): ReadRow<PostMetricRow> {
  const { column, text } = cells(record, mapping);
  const platformPostId = text('platformPostId');
  const postUrl = text('postUrl');
  if (totalRow.test(platformPostId) || (!platformPostId && totalRow.test(postUrl))) return { skip: 'a total row' };
  const problems: RowProblem[] = [];
  if (!platformPostId && !postUrl) problems.push({ column: column('platformPostId') ?? column('postUrl'), reason: 'names no post (the post id and URL are empty)' });
  if (postUrl && !/^https?:\/\/\S+$/i.test(postUrl)) problems.push({ column: column('postUrl'), reason: `"${postUrl}" is not a URL` });
  const counters: PostMetricRow['counters'] = {};
  for (const field of snapshotCounterFields) {
    const value = collect(problems, column(field), readCount(text(field)));
    if (value !== undefined) counters[field] = value;
  }
  for (const unit of ['hours', 'minutes', 'seconds'] as const) {
    const field = `watchTime${unit[0]!.toUpperCase()}${unit.slice(1)}`;
    const value = collect(problems, column(field), readDurationSeconds(text(field), unit));
    if (value !== undefined && counters.watchTimeSeconds === undefined) counters.watchTimeSeconds = value;
  }
  const followers = collect(problems, column('followers'), readCount(text('followers')));
  const publishedAt = collect(problems, column('publishedAt'), readMoment(text('publishedAt')));
  const capturedAt = collect(problems, column('capturedAt'), readMoment(text('capturedAt')));
  if (problems.length === 0 && Object.keys(counters).length === 0 && followers === undefined) {
    problems.push({ column: null, reason: 'every counter is empty: nothing to store' });
  }
  if (problems.length > 0) return { problems };
  return {
    row: {
      ...(platformPostId ? { platformPostId } : {}),
      ...(postUrl ? { postUrl } : {}),
      ...(publishedAt ? { publishedAt } : {}),
      ...(capturedAt ? { capturedAt } : {}),
      counters,
      ...(followers !== undefined ? { followers } : {}),
    },
  };
}

export type ConversionImportRow = {
  day: string;
  code?: string;
  utm: { campaign?: string; content?: string; source?: string; medium?: string };
  counts: Partial<Record<(typeof conversionCountFields)[number], number>>;
  revenueMinor?: number;
};

// GA4's placeholders for traffic without a campaign: such rows belong to no link.
const noCampaign = /^\((not set|direct|organic|none|referral|cross-network|data not available)\)$/i;

/** The UTM parameters of a landing URL ("/shop?utm_campaign=x" or a full URL). */
export function utmOfUrl(url: string): ConversionImportRow['utm'] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0]! : '';
  const params = new URLSearchParams(query);
  const take = (name: string) => params.get(name)?.trim() || undefined;
  const utm = { campaign: take('utm_campaign'), content: take('utm_content'), source: take('utm_source'), medium: take('utm_medium') };
  return Object.fromEntries(Object.entries(utm).filter(([, value]) => value !== undefined));
}

export function readConversionRow(record: Readonly<Record<string, string>>, mapping: Readonly<Record<string, string>>, fractionDigits: number): ReadRow<ConversionImportRow> {
  const { column, text } = cells(record, mapping);
  const dayText = text('day');
  if (totalRow.test(dayText) || totalRow.test(text('utmCampaign')) || totalRow.test(text('code'))) return { skip: 'a total row' };
  const problems: RowProblem[] = [];
  const day = collect(problems, column('day'), readDay(dayText));
  if (!dayText) problems.push({ column: column('day'), reason: 'the day is empty' });
  const fromUrl = text('landingUrl') ? utmOfUrl(text('landingUrl')) : {};
  const [sourcePart, mediumPart] = text('sourceMedium').split(' / ').map((part) => part.trim());
  const utm = Object.fromEntries(
    Object.entries({
      campaign: text('utmCampaign') || fromUrl.campaign,
      content: text('utmContent') || fromUrl.content,
      source: text('utmSource') || sourcePart || fromUrl.source,
      medium: text('utmMedium') || mediumPart || fromUrl.medium,
    }).filter(([, value]) => value !== undefined && value !== '' && !noCampaign.test(value)),
  ) as ConversionImportRow['utm'];
  const code = text('code');
  const counts: ConversionImportRow['counts'] = {};
  for (const field of conversionCountFields) {
    const value = collect(problems, column(field), readCount(text(field)));
    if (value !== undefined) counts[field] = value;
  }
  const revenueMinor = collect(problems, column('revenue'), readMoneyMinor(text('revenue'), fractionDigits));
  if (problems.length > 0) return { problems };
  if (!code && !utm.campaign && !utm.content) return { skip: 'traffic without a campaign or code' };
  if (Object.keys(counts).length === 0 && revenueMinor === undefined) return { problems: [{ column: null, reason: 'every count is empty: nothing to store' }] };
  return { row: { day: day!, ...(code ? { code } : {}), utm, counts, ...(revenueMinor !== undefined ? { revenueMinor } : {}) } };
}

// Which row of a file a later one repeats: the same post (or link/code) and time (or day).
export function postMetricRowKey(row: PostMetricRow, capturedAt: string): string {
  return `${row.platformPostId ?? ''}|${row.postUrl ? canonicalPostUrl(row.postUrl) : ''}|${capturedAt}`;
}

export function conversionRowKey(row: ConversionImportRow): string {
  return row.code ? `code|${row.code.toUpperCase()}|${row.day}` : `utm|${row.utm.campaign ?? ''}|${row.utm.content ?? ''}|${row.utm.source ?? ''}|${row.utm.medium ?? ''}|${row.day}`;
}

// ---------------------------------------------------------------------------------------------
// Matching rows to posts, links and codes.

/** A URL with what does not identify the page removed: scheme, "www."/"m.", query, fragment, trailing slash; lower-cased host. */
export function canonicalPostUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    const host = parsed.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
    const keep = host === 'youtube.com' && parsed.pathname === '/watch' ? `?v=${parsed.searchParams.get('v') ?? ''}` : '';
    return `${host}${parsed.pathname.replace(/\/+$/, '')}${keep}`;
  } catch {
    return url.trim();
  }
}

/** The platform's own id of a post when its URL carries it: a TikTok video id, a YouTube video id, an Instagram shortcode. */
export function platformIdOfUrl(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    const host = parsed.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
    if (host === 'youtu.be') return parsed.pathname.split('/')[1] || null;
    if (host === 'youtube.com') return parsed.searchParams.get('v') ?? /^\/(?:shorts|live|embed)\/([\w-]{6,})/.exec(parsed.pathname)?.[1] ?? null;
    if (host.endsWith('tiktok.com')) return /\/(?:video|photo)\/(\d+)/.exec(parsed.pathname)?.[1] ?? null;
    if (host === 'instagram.com') return /\/(?:p|reel|reels|tv)\/([\w-]+)/.exec(parsed.pathname)?.[1] ?? null;
    return null;
  } catch {
    return null;
  }
}

export type CandidatePost = { id: string; url: string; platformPostId: string | null };

/** The post a row names: by the platform id (stored, or read from the post's URL), else by URL. */
export function matchPost<P extends CandidatePost>(row: Pick<PostMetricRow, 'platformPostId' | 'postUrl'>, posts: readonly P[]): P | null {
  const ids = new Set([row.platformPostId, row.postUrl ? platformIdOfUrl(row.postUrl) : null].filter((id): id is string => Boolean(id)));
  const url = row.postUrl ? canonicalPostUrl(row.postUrl) : null;
  return (
    posts.find((post) => post.platformPostId !== null && ids.has(post.platformPostId)) ??
    posts.find((post) => {
      const fromUrl = platformIdOfUrl(post.url);
      return fromUrl !== null && ids.has(fromUrl);
    }) ??
    (url ? posts.find((post) => canonicalPostUrl(post.url) === url) : undefined) ??
    null
  );
}

export type CandidateLink = { id: string; utmCampaign: string; utmContent: string; utmSource: string; utmMedium: string; currency: string };
export type CandidateCode = { id: string; code: string; currency: string };
export type ConversionTargetMatch = { linkId: string; currency: string } | { codeId: string; code: string; currency: string } | { none: string };

const same = (a: string | undefined, b: string) => a === undefined || a.toLowerCase() === b.toLowerCase();

/**
 * The link or code a conversion row names: a code by its text (codes are case-insensitive at
 * checkout), a link by its UTM tags, every tag the row has agreeing. More than one link agreeing
 * is no match: the row waits for the user to choose.
 */
export function matchConversionTarget(row: ConversionImportRow, links: readonly CandidateLink[], codes: readonly CandidateCode[]): ConversionTargetMatch {
  if (row.code) {
    const code = codes.find((candidate) => candidate.code.toUpperCase() === row.code!.toUpperCase());
    return code ? { codeId: code.id, code: code.code, currency: code.currency } : { none: `no offer code ${row.code} in this workspace` };
  }
  const agreeing = links.filter(
    (link) => (row.utm.campaign !== undefined || row.utm.content !== undefined) && same(row.utm.campaign, link.utmCampaign) && same(row.utm.content, link.utmContent) && same(row.utm.source, link.utmSource) && same(row.utm.medium, link.utmMedium),
  );
  const tags = Object.entries(row.utm).map(([name, value]) => `utm_${name}=${value}`).join(', ');
  if (agreeing.length === 1) return { linkId: agreeing[0]!.id, currency: agreeing[0]!.currency };
  if (agreeing.length === 0) return { none: `no tracking link with ${tags} in this workspace` };
  return { none: `${agreeing.length} tracking links match ${tags}; choose one` };
}

/** What an unmatched row names, so every waiting row naming the same thing is resolved at once. */
export function unlinkedPostKey(row: Pick<PostMetricRow, 'platformPostId' | 'postUrl'>): string {
  return row.platformPostId ? `post:${row.platformPostId}` : `url:${canonicalPostUrl(row.postUrl ?? '')}`;
}

export function unlinkedConversionKey(row: Pick<ConversionImportRow, 'code' | 'utm'>): string {
  if (row.code) return `code:${row.code.toUpperCase()}`;
  return `utm:${['campaign', 'content', 'source', 'medium'].map((name) => (row.utm[name as keyof ConversionImportRow['utm']] ?? '').toLowerCase()).join('|')}`;
}
