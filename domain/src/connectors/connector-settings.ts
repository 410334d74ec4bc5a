import { connectorPlatforms, type ConnectorPlatform, type PlatformClient } from './platform-client.ts';
import { tokenKeyOf, type TokenKey, type TokenKeyring } from './token-cipher.ts';
import { youtubeClient, youtubeDefaults } from './youtube.client.ts';
import { instagramClient, instagramDefaults } from './instagram.client.ts';
import { tiktokClient, tiktokDefaults } from './tiktok.client.ts';

// The connectors' configuration, read from the environment by the API and the workers alike (the
// API starts the OAuth flow, the workers pull): the token keys, where the platform sends the user
// back, and per platform the app's credentials, its base URLs (tests point them at local servers),
// how often a connection is pulled and how many requests one pull may spend.

export type PlatformSettings = {
  clientId: string;
  clientSecret: string;
  urls: Record<string, string>;
  pullEveryMs: number;
  requestBudget: number;
  /** Requests the app may spend on the platform in a UTC day, every workspace's pulls together. */
  dailyRequestBudget: number;
};

export type ConnectorSettings = {
  keyring: TokenKeyring | null;
  redirectUri: string;
  platforms: Partial<Record<ConnectorPlatform, PlatformSettings>>;
};

// How often each platform is pulled by default: YouTube's daily quota (10,000 units) and the
// Graph and TikTok rate limits are far from reached by these, and their counters move slowly.
// The daily budgets stay under each platform's own limit: YouTube's 10,000 quota units a day (a
// list call costs 1), the Graph API's calls per hour per account, TikTok's per-app daily limit.
const defaults: Record<ConnectorPlatform, { urls: Record<string, string>; pullEveryMs: number; requestBudget: number; dailyRequestBudget: number }> = {
  youtube: { urls: { ...youtubeDefaults }, pullEveryMs: 6 * 3_600_000, requestBudget: 400, dailyRequestBudget: 9_000 },
  // Insights cost two calls a post: the budget covers about a hundred recent posts a pull.
  instagram: { urls: { ...instagramDefaults }, pullEveryMs: 6 * 3_600_000, requestBudget: 300, dailyRequestBudget: 4_000 },
  tiktok: { urls: { ...tiktokDefaults }, pullEveryMs: 6 * 3_600_000, requestBudget: 150, dailyRequestBudget: 10_000 },
};

const envName = (platform: ConnectorPlatform, name: string) => `${platform.toUpperCase()}_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;

function positive(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name}: must be a whole number of 1 or more; got "${text}"`);
  return value;
}

function keyringOf(env: Readonly<Record<string, string | undefined>>): TokenKeyring | null {
  if (!env.CONNECTOR_TOKEN_KEY) return null;
  const current = tokenKeyOf(env.CONNECTOR_TOKEN_KEY_ID || 'k1', env.CONNECTOR_TOKEN_KEY, 'CONNECTOR_TOKEN_KEY');
  // "id:base64,id:base64": the keys of earlier rotations, still able to open what they sealed.
  const previous: TokenKey[] = (env.CONNECTOR_TOKEN_PREVIOUS_KEYS ?? '').split(',').filter(Boolean).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon < 1) throw new Error('CONNECTOR_TOKEN_PREVIOUS_KEYS: write each earlier key as id:base64, separated by commas');
    return tokenKeyOf(entry.slice(0, colon), entry.slice(colon + 1), 'CONNECTOR_TOKEN_PREVIOUS_KEYS');
  });
  if (previous.some((key) => key.id === current.id)) throw new Error(`CONNECTOR_TOKEN_PREVIOUS_KEYS: names the current key id "${current.id}" again; give the new key a new id`);
  return { current, previous };
}

/** Reads the connector variables (see .env.example); a bad value throws naming its variable. */
export function connectorSettingsOf(env: Readonly<Record<string, string | undefined>>, publicUrl?: string): ConnectorSettings {
  const platforms: ConnectorSettings['platforms'] = {};
  for (const platform of connectorPlatforms) {
    const clientId = env[envName(platform, 'clientId')];
    const clientSecret = env[envName(platform, 'clientSecret')];
    if (!clientId || !clientSecret) continue;
    const base = defaults[platform];
    const urls = Object.fromEntries(Object.entries(base.urls).map(([name, url]) => [name, env[envName(platform, name)] || url]));
    platforms[platform] = {
      clientId,
      clientSecret,
      urls,
      pullEveryMs: positive(env, envName(platform, 'pullEveryMs'), base.pullEveryMs),
      requestBudget: positive(env, envName(platform, 'requestBudget'), base.requestBudget),
      dailyRequestBudget: positive(env, envName(platform, 'dailyRequestBudget'), base.dailyRequestBudget),
    };
  }
  const redirectUri = env.CONNECTOR_REDIRECT_URL || `${publicUrl ?? 'http://127.0.0.1:5173'}/connections/callback`;
  return { keyring: keyringOf(env), redirectUri, platforms };
}

/** The adapter of a configured platform; null when its app credentials are not set. */
export function platformClientOf(settings: ConnectorSettings, platform: ConnectorPlatform): PlatformClient | null {
  const configured = settings.platforms[platform];
  if (!configured) return null;
  const url = (name: string) => configured.urls[name] ?? '';
  switch (platform) {
    case 'youtube':
      return youtubeClient({ clientId: configured.clientId, clientSecret: configured.clientSecret, authUrl: url('authUrl'), tokenUrl: url('tokenUrl'), revokeUrl: url('revokeUrl'), apiUrl: url('apiUrl'), analyticsUrl: url('analyticsUrl') });
    case 'instagram':
      return instagramClient({ clientId: configured.clientId, clientSecret: configured.clientSecret, authUrl: url('authUrl'), tokenUrl: url('tokenUrl'), graphUrl: url('graphUrl') });
    case 'tiktok':
      return tiktokClient({ clientId: configured.clientId, clientSecret: configured.clientSecret, authUrl: url('authUrl'), apiUrl: url('apiUrl') });
  }
}
