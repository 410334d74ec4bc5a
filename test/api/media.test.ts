// Asset media over HTTP: the upload's size limit (at it and one byte over), the content check by
// magic bytes, thumbnails, byte ranges, revisions, and media of another workspace.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDiskMediaStorage } from '@persona-ops/domain/store';
import { startTestApp, type Client } from '../support/api-harness.ts';
import { multipartBody, noisyPng } from '../support/png.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

const image = noisyPng(60, 50);
// The limit is exactly the image's size: the image is at the limit, one more byte is over it.
const LIMIT = image.length;
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.from([0, 0, 0, 0]), Buffer.from('isommp42'), Buffer.alloc(500, 7)]);

describe('asset media', () => {
  let app: App;
  let studio: Client;
  let approver: Client;
  let folder: string;

  const upload = async (client: Client, assetId: string, content: Buffer, fileName = 'look.png', contentType = 'image/png') => {
    const { payload, headers } = multipartBody('file', fileName, contentType, content);
    const response = await app.app.inject({ method: 'POST', url: `/v1/assets/${assetId}/media`, headers: { ...headers, authorization: `Bearer ${client.key}` }, payload });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() };
  };
  const download = async (client: Client, url: string, headers: Record<string, string> = {}) => {
    const response = await app.app.inject({ method: 'GET', url, headers: { ...headers, authorization: `Bearer ${client.key}` } });
    return { status: response.statusCode, headers: response.headers, body: response.rawPayload };
  };

  async function draftAsset(client: Client = studio) {
    const source = await client.post('/v1/sources', { kind: 'ai_character', name: `Léa ${Math.random()}` });
    const campaign = await client.post('/v1/campaigns', { name: 'Spring', goal: 'sales', startsOn: '2026-03-01', endsOn: '2026-03-31', currency: 'USD', targetAction: 'purchase' });
    const brief = await client.post('/v1/briefs', { campaignId: campaign.body.id, sourceId: source.body.id, title: 'Look' });
    const asset = await client.post('/v1/assets', { briefId: brief.body.id, title: 'Look 1', kind: 'image', tool: 'midjourney', currency: 'USD', productionHours: 1 });
    expect(asset.status, JSON.stringify(asset.body)).toBe(201);
    return asset.body.id as string;
  }

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'media-test-'));
    app = await startTestApp({ media: { storage: localDiskMediaStorage(folder), maxBytes: LIMIT } });
    studio = await app.userWithRole('studio');
    approver = await app.userWithRole('approver');
  });

  afterAll(async () => {
    await app?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('takes a file exactly at the limit and refuses one byte more with 413, leaving no file', async () => {
    const assetId = await draftAsset();
    const at = await upload(studio, assetId, image);
    expect(at.status, JSON.stringify(at.body)).toBe(201);
    expect(at.body).toMatchObject({ assetId, revision: 1, kind: 'image', contentType: 'image/png', byteSize: LIMIT, width: 60, height: 50, hasThumbnail: true, fileName: 'look.png' });

    const filesBefore = await readdir(path.join(folder, app.workspaceId));
    const over = await upload(studio, assetId, Buffer.concat([image, Buffer.from([0])]));
    expect(over.status).toBe(413);
    expect(over.type).toContain('application/problem+json');
    expect(over.body.errors).toEqual([{ field: 'body.file', message: expect.stringContaining(`${LIMIT.toLocaleString('en-US')} bytes`) }]);
    expect(await readdir(path.join(folder, app.workspaceId))).toEqual(filesBefore);
    expect((await studio.get(`/v1/assets/${assetId}/media`)).body.items).toHaveLength(1);
  });

  it('refuses a .png that is really text with 415 naming the field, whatever its claimed type', async () => {
    const assetId = await draftAsset();
    const refused = await upload(studio, assetId, Buffer.from('just some text, not a picture\n'), 'photo.png', 'image/png');
    expect(refused.status).toBe(415);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body.errors[0].field).toBe('body.file');
    expect(refused.body.detail).toContain('photo.png');

    // PNG's signature on bytes that are no image: refused once decoding fails.
    const fake = await upload(studio, assetId, Buffer.concat([image.subarray(0, 16), Buffer.alloc(100)]));
    expect(fake.status).toBe(415);
    expect(fake.body.errors[0]).toEqual({ field: 'body.file', message: 'is not a readable PNG image' });
    expect((await studio.get(`/v1/assets/${assetId}/media`)).body.items).toEqual([]);
  });

  it('refuses a body that is not multipart, and a form without the file field', async () => {
    const assetId = await draftAsset();
    const json = await studio.post(`/v1/assets/${assetId}/media`, { file: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.errors[0].field).toBe('body.file');
    const { payload, headers } = multipartBody('picture', 'a.png', 'image/png', image);
    const wrong = await app.app.inject({ method: 'POST', url: `/v1/assets/${assetId}/media`, headers: { ...headers, authorization: `Bearer ${studio.key}` }, payload });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toEqual({ field: 'body.picture', message: 'is not a field of this request; did you mean file?' });
  });

  it('serves the file, its byte ranges and a WebP thumbnail; a video plays as stored', async () => {
    const assetId = await draftAsset();
    const picture = (await upload(studio, assetId, image)).body;
    const whole = await download(approver, `/v1/media/${picture.id}`);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(whole.body, image)).toBe(0);

    const part = await download(approver, `/v1/media/${picture.id}`, { range: 'bytes=1-3' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1-3/${LIMIT}`);
    expect(part.body.toString('latin1')).toBe('PNG');
    expect((await download(approver, `/v1/media/${picture.id}`, { range: `bytes=${LIMIT}-` })).status).toBe(416);

    const thumbnail = await download(approver, `/v1/media/${picture.id}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    expect(thumbnail.body.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(thumbnail.body.subarray(8, 12).toString('latin1')).toBe('WEBP');

    const video = await upload(studio, assetId, mp4, 'clip.mov', 'application/octet-stream');
    expect(video.status, JSON.stringify(video.body)).toBe(201);
    expect(video.body).toMatchObject({ kind: 'video', contentType: 'video/mp4', width: null, hasThumbnail: false });
    expect((await download(approver, `/v1/media/${video.body.id}`)).headers['content-type']).toBe('video/mp4');
    expect((await download(approver, `/v1/media/${video.body.id}/thumbnail`)).status).toBe(404);
  });

  it('files media under the revision it goes out with, and keeps reviewed content as it was', async () => {
    const assetId = await draftAsset();
    expect((await upload(studio, assetId, image)).body.revision).toBe(1);
    expect((await studio.post(`/v1/assets/${assetId}/submit`)).status).toBe(200);
    const inReview = await upload(studio, assetId, image);
    expect(inReview.status).toBe(409);
    expect(inReview.body.legalActions).toEqual(['approve', 'request_changes', 'reject']);
    expect((await approver.post(`/v1/assets/${assetId}/reviews`, { decision: 'request_changes', reason: 'Warmer light' })).status).toBe(200);
    expect((await upload(studio, assetId, noisyPng(40, 40, 2))).body.revision).toBe(2);
    const listed = (await approver.get(`/v1/assets/${assetId}/media`)).body.items;
    expect(listed.map((m: { revision: number }) => m.revision)).toEqual([1, 2]);
  });

  it('only the studio (or an admin) uploads', async () => {
    const assetId = await draftAsset();
    expect((await upload(approver, assetId, image)).status).toBe(403);
  });

  it("answers another workspace's media and assets as unknown (404)", async () => {
    const assetId = await draftAsset();
    const picture = (await upload(studio, assetId, image)).body;
    const other = await app.newWorkspace('Brand B');
    expect((await download(other.admin, `/v1/media/${picture.id}`)).status).toBe(404);
    expect((await download(other.admin, `/v1/media/${picture.id}/thumbnail`)).status).toBe(404);
    expect((await other.admin.get(`/v1/assets/${assetId}/media`)).status).toBe(404);
    expect((await upload(other.admin, assetId, image)).status).toBe(404);
    // And the owner still reads it.
    expect((await download(app.admin, `/v1/media/${picture.id}`)).status).toBe(200);
  });
});
