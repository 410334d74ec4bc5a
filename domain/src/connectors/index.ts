export * from './platform-client.ts';
export * from './token-cipher.ts';
export * from './connector-settings.ts';
export { retryAfterMs } from './platform-http.ts';
export { untilPacificMidnight, youtubeClient, youtubeScopes, youtubeVideoUrl, type YouTubeSettings } from './youtube.client.ts';
export { instagramClient, instagramScopes, type InstagramSettings } from './instagram.client.ts';
export { tiktokClient, tiktokScopes, type TikTokSettings } from './tiktok.client.ts';
