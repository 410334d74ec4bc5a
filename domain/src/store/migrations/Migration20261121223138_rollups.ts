import { Migration } from '@mikro-orm/migrations';

export class Migration20261121223138_rollups extends Migration {

  override name = 'Migration20261121223138_rollups';

  override up(): void | Promise<void> {
    this.addSql(`create table "snapshot_rollup" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "source_id" uuid not null, "campaign_id" uuid not null, "published_on" date not null, "captured_on" date not null, "measured" bigint not null default '0', "snapshots" bigint not null default '0', "views_sum" bigint not null default '0', "views_n" bigint not null default '0', "reach_sum" bigint not null default '0', "reach_n" bigint not null default '0', "impressions_sum" bigint not null default '0', "impressions_n" bigint not null default '0', "profile_visits_sum" bigint not null default '0', "profile_visits_n" bigint not null default '0', "link_clicks_sum" bigint not null default '0', "link_clicks_n" bigint not null default '0', "follows_sum" bigint not null default '0', "follows_n" bigint not null default '0', "likes_sum" bigint not null default '0', "likes_n" bigint not null default '0', "comments_sum" bigint not null default '0', "comments_n" bigint not null default '0', "shares_sum" bigint not null default '0', "shares_n" bigint not null default '0', "saves_sum" bigint not null default '0', "saves_n" bigint not null default '0', "profile_action_posts" bigint not null default '0', "f_posts" bigint not null default '0', "f_likes_sum" bigint not null default '0', "f_likes_n" bigint not null default '0', "f_comments_sum" bigint not null default '0', "f_comments_n" bigint not null default '0', "f_shares_sum" bigint not null default '0', "f_shares_n" bigint not null default '0', "f_saves_sum" bigint not null default '0', "f_saves_n" bigint not null default '0', "v_posts" bigint not null default '0', "v_views_sum" bigint not null default '0', "v_likes_sum" bigint not null default '0', "v_likes_n" bigint not null default '0', "v_comments_sum" bigint not null default '0', "v_comments_n" bigint not null default '0', "v_shares_sum" bigint not null default '0', "v_shares_n" bigint not null default '0', "v_saves_sum" bigint not null default '0', "v_saves_n" bigint not null default '0', "saves_reach_n" bigint not null default '0', "saves_reach_count" bigint not null default '0', "saves_reach_base" bigint not null default '0', "saves_impressions_n" bigint not null default '0', "saves_impressions_count" bigint not null default '0', "saves_impressions_base" bigint not null default '0', "shares_reach_n" bigint not null default '0', "shares_reach_count" bigint not null default '0', "shares_reach_base" bigint not null default '0', "shares_impressions_n" bigint not null default '0', "shares_impressions_count" bigint not null default '0', "shares_impressions_base" bigint not null default '0', primary key ("id"));`);
    this.addSql(`create index "snapshot_rollup_workspace_id_source_id_published_on_index" on "snapshot_rollup" ("workspace_id", "source_id", "published_on");`);
    this.addSql(`create index "snapshot_rollup_workspace_id_campaign_id_index" on "snapshot_rollup" ("workspace_id", "campaign_id");`);

    this.addSql(`create table "rollup_state" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "refreshed_at" timestamptz not null, "rebuilt_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "rollup_state" add constraint "rollup_state_workspace_id_unique" unique ("workspace_id");`);

    this.addSql(`create table "rollup_change" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "source_id" uuid not null, "published_on" date not null, primary key ("id"));`);
    this.addSql(`alter table "rollup_change" add constraint "rollup_change_workspace_id_source_id_published_on_unique" unique ("workspace_id", "source_id", "published_on");`);

    this.addSql(`create table "post_rollup" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "source_id" uuid not null, "campaign_id" uuid not null, "asset_id" uuid not null, "published_on" date not null, "channel" varchar(255) not null, "paid" boolean not null, "currency" varchar(3) not null, "posts" int not null, "paid_spend_minor" bigint not null, "unlabeled_posts" int not null, "first_published_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "post_rollup_workspace_id_source_id_published_on_index" on "post_rollup" ("workspace_id", "source_id", "published_on");`);
    this.addSql(`create index "post_rollup_workspace_id_asset_id_index" on "post_rollup" ("workspace_id", "asset_id");`);
    this.addSql(`create index "post_rollup_workspace_id_campaign_id_index" on "post_rollup" ("workspace_id", "campaign_id");`);

    this.addSql(`alter table "snapshot_rollup" add constraint "snapshot_rollup_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);

    this.addSql(`alter table "rollup_state" add constraint "rollup_state_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);

    this.addSql(`alter table "rollup_change" add constraint "rollup_change_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);

    this.addSql(`alter table "post_rollup" add constraint "post_rollup_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);

    // Hand-written (the ORM cannot express triggers): every write to post or metric_snapshot,
    // whoever makes it, marks the (source, UTC publication day) groups it touches in rollup_change,
    // the rollups' outbox. Statement-level with transition tables: one INSERT per statement, however
    // many rows (a 10,000-row bulk upsert adds one join), never one per row. A group marked again
    // gets a new updated_at: a refresh deletes only the marks it read unchanged, so a write that
    // lands while it recomputes stays pending for the next one (and nothing waits on its locks).
    this.addSql(`create function rollup_mark_posts() returns trigger language plpgsql as $$
begin
  if tg_op <> 'DELETE' then
    insert into rollup_change (id, created_at, updated_at, workspace_id, source_id, published_on)
    select gen_random_uuid(), clock_timestamp(), clock_timestamp(), g.workspace_id, g.source_id, g.published_on
    from (select distinct workspace_id, source_id, (published_at at time zone 'UTC')::date as published_on from new_rows) g
    on conflict (workspace_id, source_id, published_on) do update set updated_at = excluded.updated_at;
  end if;
  if tg_op <> 'INSERT' then
    insert into rollup_change (id, created_at, updated_at, workspace_id, source_id, published_on)
    select gen_random_uuid(), clock_timestamp(), clock_timestamp(), g.workspace_id, g.source_id, g.published_on
    from (select distinct workspace_id, source_id, (published_at at time zone 'UTC')::date as published_on from old_rows) g
    on conflict (workspace_id, source_id, published_on) do update set updated_at = excluded.updated_at;
  end if;
  return null;
end $$;`);
    this.addSql(`create function rollup_mark_snapshots() returns trigger language plpgsql as $$
begin
  if tg_op <> 'DELETE' then
    insert into rollup_change (id, created_at, updated_at, workspace_id, source_id, published_on)
    select gen_random_uuid(), clock_timestamp(), clock_timestamp(), g.workspace_id, g.source_id, g.published_on
    from (select distinct p.workspace_id, p.source_id, (p.published_at at time zone 'UTC')::date as published_on
          from (select distinct post_id from new_rows) n join post p on p.id = n.post_id) g
    on conflict (workspace_id, source_id, published_on) do update set updated_at = excluded.updated_at;
  else
    insert into rollup_change (id, created_at, updated_at, workspace_id, source_id, published_on)
    select gen_random_uuid(), clock_timestamp(), clock_timestamp(), g.workspace_id, g.source_id, g.published_on
    from (select distinct p.workspace_id, p.source_id, (p.published_at at time zone 'UTC')::date as published_on
          from (select distinct post_id from old_rows) o join post p on p.id = o.post_id) g
    on conflict (workspace_id, source_id, published_on) do update set updated_at = excluded.updated_at;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger post_rollup_insert after insert on post referencing new table as new_rows for each statement execute function rollup_mark_posts();`);
    this.addSql(`create trigger post_rollup_update after update on post referencing old table as old_rows new table as new_rows for each statement execute function rollup_mark_posts();`);
    this.addSql(`create trigger post_rollup_delete after delete on post referencing old table as old_rows for each statement execute function rollup_mark_posts();`);
    this.addSql(`create trigger metric_snapshot_rollup_insert after insert on metric_snapshot referencing new table as new_rows for each statement execute function rollup_mark_snapshots();`);
    this.addSql(`create trigger metric_snapshot_rollup_update after update on metric_snapshot referencing new table as new_rows for each statement execute function rollup_mark_snapshots();`);
    this.addSql(`create trigger metric_snapshot_rollup_delete after delete on metric_snapshot referencing old table as old_rows for each statement execute function rollup_mark_snapshots();`);
  }

  override down(): void | Promise<void> {
    for (const [table, kind] of [['post', 'insert'], ['post', 'update'], ['post', 'delete'], ['metric_snapshot', 'insert'], ['metric_snapshot', 'update'], ['metric_snapshot', 'delete']]) {
      this.addSql(`drop trigger if exists ${table}_rollup_${kind} on "${table}";`);
    }
    this.addSql(`drop function if exists rollup_mark_posts(); drop function if exists rollup_mark_snapshots();`);
    this.addSql(`drop table if exists "snapshot_rollup" cascade;`);
    this.addSql(`drop table if exists "rollup_state" cascade;`);
    this.addSql(`drop table if exists "rollup_change" cascade;`);
    this.addSql(`drop table if exists "post_rollup" cascade;`);
  }

}
