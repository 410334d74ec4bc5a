// Benchmark (issue 10, stop 18): what reading each comment's current classification costs the
// brand-safety counts statement (brandSafetyCounts), and what keeping the mark costs the writes.
// The quick start's demo brand in a fresh database, its comments copied `--copies` times onto the
// same posts (0: the demo's 740), each classified once (offline) and 60 % again later (openai), as
// the workers would (saveClassifications), then ANALYZE. Then:
// - EXPLAIN ANALYZE of the statement as it runs (`where cc.current`) and as it ran before stop 18
//   (`distinct on (comment_id) … order by classified_at desc, created_at desc, id desc`, the same
//   statement otherwise), alternated on the same database, workspace-wide and for the campaign with
//   the most comments: both answers compared, median execution time and the `latest` step's time;
// - storing 1,000 classifications (fewer if there are fewer comments; saveClassifications, rolled
//   back), first ones on new comments and reclassifications of classified ones, against the
//   statement before stop 18 with the table's marking trigger disabled: the cost of keeping the mark.
//
//   node test/bench/brand-safety-reads.bench.ts [--copies 0] [--rounds 15] [--writes 7] [--plans]
//
// Needs PostgreSQL (DATABASE_URL or 127.0.0.1:5432).
import { parseArgs } from 'node:util';
import { seedDemoBrand } from '@persona-ops/api/seed';
import { brandSafetyCounts, saveClassifications, type StoredClassification } from '@persona-ops/domain/store';
import { benchDatabase } from './bench-database.ts';

class RolledBack extends Error {}

const { values } = parseArgs({ options: { copies: { type: 'string', default: '0' }, rounds: { type: 'string', default: '15' }, writes: { type: 'string', default: '7' }, plans: { type: 'boolean', default: false } } });
const copies = Number(values.copies);
const rounds = Number(values.rounds);
const writeRounds = Number(values.writes);

// The results statement of saveClassifications before stop 18: no mark (the trigger is disabled
// while it runs, so the table behaves as it did).
const STORE_BEFORE = `with input as (
    select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::boolean[], ?::text[], ?::uuid[])
      as r(workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, language, usage_id)
  ),
  stored as (
    insert into comment_classification (id, created_at, updated_at, workspace_id, comment_id, classifier, version, sentiment, score, flags, mentions_character, language, classified_at, usage_id)
    select gen_random_uuid(), ?, ?, workspace_id, comment_id, classifier, version, sentiment, score,
           case when flags = '' then '{}'::text[] else string_to_array(flags, ',') end, mentions_character, language, ?, usage_id
    from input
    on conflict (comment_id, classifier, version) do nothing
    returning 1
  ),
  closed as (delete from classification_task where comment_id in (select comment_id from input))
  select count(*)::int as stored from stored`;
const CURRENT_LATEST = /select cc\.comment_id, (.*?)\n\s*from scoped sc join comment_classification cc on cc\.comment_id = sc\.id and cc\.workspace_id = \? and cc\.current/s;

const database = await benchDatabase('brand_safety_reads');
try {
  const em = database.orm.em.fork();
  const connection = em.getConnection();
  const execute = <T>(sql: string, params: unknown[] = []) => connection.execute<T[]>(sql, params, 'all');
  const demo = await seedDemoBrand(database.orm.em.fork(), new Date());
  const workspaceId = demo.workspace.id;
  if (copies > 0) {
    await execute(`insert into comment (id, created_at, updated_at, workspace_id, post_id, platform_comment_id, author_handle, text, posted_at)
      select gen_random_uuid(), now(), now(), c.workspace_id, c.post_id, c.platform_comment_id || '-x' || g, c.author_handle, c.text, c.posted_at - (g % 7) * interval '1 hour'
      from comment c cross join generate_series(1, ?) g`, [copies]);
  }
  const comments = await execute<{ id: string }>('select id from comment where workspace_id = ? order by id', [workspaceId]);
  const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
  const label = (commentId: string, i: number, classifier: string, version: string): StoredClassification => ({
    commentId, workspaceId, sentiment: SENTIMENTS[i % 3]!, score: 0.5, flags: i % 5 === 0 ? ['spam_scam'] : i % 11 === 0 ? ['ai_authenticity'] : [], mentionsCharacter: i % 4 === 0, language: 'en', classifier, version,
  });
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (let at = 0; at < comments.length; at += 10_000) {
    const chunk = comments.slice(at, at + 10_000);
    await saveClassifications(em, chunk.map((c, i) => label(c.id, i, 'offline', 'offline:1')), hourAgo);
    await saveClassifications(em, chunk.filter((_, i) => i % 5 < 3).map((c, i) => label(c.id, i + 1, 'openai', 'openai:1')), new Date());
  }
  await execute('analyze');
  const [counted] = await execute<{ classifications: number }>('select count(*)::int as classifications from comment_classification');
  console.log(`${comments.length.toLocaleString('en-US')} comments, ${counted!.classifications.toLocaleString('en-US')} classifications`);

  // The statement as brandSafetyCounts sends it, caught on its way to PostgreSQL.
  const original = connection.execute.bind(connection);
  let caught: { sql: string; params: unknown[] } | undefined;
  (connection as unknown as { execute: typeof connection.execute }).execute = (async (sql: string, params: unknown[], method: 'all', ctx: unknown) => {
    if (CURRENT_LATEST.test(sql)) caught = { sql, params };
    return original(sql, params, method, ctx as never);
  }) as typeof connection.execute;
  const [campaign] = await execute<{ id: string }>('select p.campaign_id as id from post p join comment c on c.post_id = p.id where p.workspace_id = ? group by 1 order by count(*) desc limit 1', [workspaceId]);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (const [scopeName, scope] of [['workspace', {}], ['campaign', { campaignId: campaign!.id }]] as const) {
    await brandSafetyCounts(em, workspaceId, scope);
    const now = caught!;
    const before = { ...now, sql: now.sql.replace(CURRENT_LATEST, (_all, columns: string) => `select distinct on (cc.comment_id) cc.comment_id, ${columns}
       from scoped sc join comment_classification cc on cc.comment_id = sc.id and cc.workspace_id = ?
       order by cc.comment_id, cc.classified_at desc, cc.created_at desc, cc.id desc`) };
    const same = JSON.stringify(await original(before.sql, before.params, 'all')) === JSON.stringify(await original(now.sql, now.params, 'all'));
    const total = { before: [] as number[], now: [] as number[] };
    const latest = { before: [] as number[], now: [] as number[] };
    const plans = { before: '', now: '' };
    for (let round = 0; round < rounds; round++) {
      for (const [which, statement] of [['before', before], ['now', now]] as const) {
        const rows = await original<Array<{ 'QUERY PLAN': string }>>(`explain (analyze, buffers) ${statement.sql}`, statement.params, 'all');
        plans[which] = rows.map((row) => row['QUERY PLAN']).join('\n');
        total[which].push(Number(/Execution Time: ([\d.]+)/.exec(plans[which])![1]));
        latest[which].push(Number(/CTE latest\n\s+->[^\n]*actual time=[\d.]+\.\.([\d.]+)/.exec(plans[which])![1]));
      }
    }
    console.log(`brandSafetyCounts, ${scopeName}: same answer ${same}; median of ${rounds}, distinct on -> where current: ${median(total.before).toFixed(1)} -> ${median(total.now).toFixed(1)} ms (the latest step ${median(latest.before).toFixed(1)} -> ${median(latest.now).toFixed(1)} ms)`);
    if (values.plans) console.log(`--- before\n${plans.before}\n--- now\n${plans.now}`);
  }
  (connection as unknown as { execute: typeof connection.execute }).execute = original;

  const stores: Record<string, number[]> = {};
  let stored = 0;
  for (let round = 0; round < writeRounds; round++) {
    for (const variant of ['first, before', 'first, now', 'reclassification, before', 'reclassification, now']) {
      await database.orm.em.fork().transactional(async (tx) => {
        const run = <T>(sql: string, params: unknown[] = []) => tx.getConnection().execute<T[]>(sql, params, 'all', tx.getTransactionContext());
        if (variant.endsWith('before')) await run('alter table comment_classification disable trigger comment_classification_current_insert');
        const targets = variant.startsWith('first')
          ? await run<{ id: string }>(`insert into comment (id, created_at, updated_at, workspace_id, post_id, platform_comment_id, author_handle, text, posted_at)
              select gen_random_uuid(), now(), now(), workspace_id, post_id, platform_comment_id || '-w${round}', '', 'new', posted_at from comment order by random() limit 1000 returning id`)
          : await run<{ id: string }>('select id from comment order by random() limit 1000');
        const results = targets.map((c, i) => label(c.id, i, 'openai', `openai:w${round}`));
        stored = results.length;
        const now = new Date();
        const started = performance.now();
        if (variant.endsWith('now')) await saveClassifications(tx, results, now);
        else {
          const column = (pick: (r: StoredClassification) => string | number | null) => `{${results.map((r) => { const v = pick(r); return v === null ? 'NULL' : typeof v === 'string' ? `"${v}"` : String(v); }).join(',')}}`;
          await run(STORE_BEFORE, [column((r) => r.workspaceId), column((r) => r.commentId), column((r) => r.classifier), column((r) => r.version), column((r) => r.sentiment), column((r) => r.score), column((r) => r.flags.join(',')), column((r) => (r.mentionsCharacter ? 't' : 'f')), column((r) => r.language ?? null), column(() => null), now, now, now]);
        }
        (stores[variant] ??= []).push(performance.now() - started);
        throw new RolledBack();
      }).catch((error: unknown) => { if (!(error instanceof RolledBack)) throw error; });
    }
  }
  for (const [variant, times] of Object.entries(stores)) console.log(`storing ${stored.toLocaleString('en-US')} classifications, ${variant}: median ${median(times).toFixed(1)} ms of ${times.length} (${times.map((t) => t.toFixed(0)).join(', ')})`);
} finally {
  await database.drop();
}
