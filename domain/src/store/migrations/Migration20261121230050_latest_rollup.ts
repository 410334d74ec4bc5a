import { Migration } from '@mikro-orm/migrations';

export class Migration20261121230050_latest_rollup extends Migration {

  override name = 'Migration20261121230050_latest_rollup';

  override up(): void | Promise<void> {
    this.addSql(`create table "snapshot_latest_rollup" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "source_id" uuid not null, "campaign_id" uuid not null, "published_on" date not null, "last_captured_on" date not null, "measured" bigint not null default '0', "snapshots" bigint not null default '0', "views_sum" bigint not null default '0', "views_n" bigint not null default '0', "reach_sum" bigint not null default '0', "reach_n" bigint not null default '0', "impressions_sum" bigint not null default '0', "impressions_n" bigint not null default '0', "profile_visits_sum" bigint not null default '0', "profile_visits_n" bigint not null default '0', "link_clicks_sum" bigint not null default '0', "link_clicks_n" bigint not null default '0', "follows_sum" bigint not null default '0', "follows_n" bigint not null default '0', "likes_sum" bigint not null default '0', "likes_n" bigint not null default '0', "comments_sum" bigint not null default '0', "comments_n" bigint not null default '0', "shares_sum" bigint not null default '0', "shares_n" bigint not null default '0', "saves_sum" bigint not null default '0', "saves_n" bigint not null default '0', "profile_action_posts" bigint not null default '0', "f_posts" bigint not null default '0', "f_likes_sum" bigint not null default '0', "f_likes_n" bigint not null default '0', "f_comments_sum" bigint not null default '0', "f_comments_n" bigint not null default '0', "f_shares_sum" bigint not null default '0', "f_shares_n" bigint not null default '0', "f_saves_sum" bigint not null default '0', "f_saves_n" bigint not null default '0', "v_posts" bigint not null default '0', "v_views_sum" bigint not null default '0', "v_likes_sum" bigint not null default '0', "v_likes_n" bigint not null default '0', "v_comments_sum" bigint not null default '0', "v_comments_n" bigint not null default '0', "v_shares_sum" bigint not null default '0', "v_shares_n" bigint not null default '0', "v_saves_sum" bigint not null default '0', "v_saves_n" bigint not null default '0', "saves_reach_n" bigint not null default '0', "saves_reach_count" bigint not null default '0', "saves_reach_base" bigint not null default '0', "saves_impressions_n" bigint not null default '0', "saves_impressions_count" bigint not null default '0', "saves_impressions_base" bigint not null default '0', "shares_reach_n" bigint not null default '0', "shares_reach_count" bigint not null default '0', "shares_reach_base" bigint not null default '0', "shares_impressions_n" bigint not null default '0', "shares_impressions_count" bigint not null default '0', "shares_impressions_base" bigint not null default '0', primary key ("id"));`);
    this.addSql(`create index "snapshot_latest_rollup_workspace_id_source_id_publ_e5c3a_index" on "snapshot_latest_rollup" ("workspace_id", "source_id", "published_on");`);

    this.addSql(`alter table "snapshot_latest_rollup" add constraint "snapshot_latest_rollup_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "snapshot_latest_rollup" cascade;`);
  }

}
