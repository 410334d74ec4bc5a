import { Migration } from '@mikro-orm/migrations';

export class Migration20261121205707_audience_commerce extends Migration {

  override name = 'Migration20261121205707_audience_commerce';

  override up(): void | Promise<void> {
    this.addSql(`create table "survey_answer_count" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "source_id" uuid not null, "day" date not null, "answers" int not null, primary key ("id"));`);
    this.addSql(`alter table "survey_answer_count" add constraint "survey_answer_count_source_id_day_unique" unique ("source_id", "day");`);

    this.addSql(`create table "follower_snapshot" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "source_id" uuid not null, "date" date not null, "followers" bigint not null, primary key ("id"));`);
    this.addSql(`create index "follower_snapshot_workspace_id_date_index" on "follower_snapshot" ("workspace_id", "date");`);
    this.addSql(`alter table "follower_snapshot" add constraint "follower_snapshot_source_id_date_unique" unique ("source_id", "date");`);

    this.addSql(`create table "tracking_link" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "campaign_id" uuid not null, "source_id" uuid not null, "post_id" uuid null, "landing_url" varchar(2048) not null, "utm_source" varchar(255) not null, "utm_medium" varchar(255) not null, "utm_campaign" varchar(255) not null, "utm_content" varchar(255) not null, "url" varchar(4096) not null, primary key ("id"));`);
    this.addSql(`create index "tracking_link_workspace_id_campaign_id_index" on "tracking_link" ("workspace_id", "campaign_id");`);

    this.addSql(`create table "offer_code" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "campaign_id" uuid not null, "source_id" uuid not null, "post_id" uuid null, "code" varchar(64) not null, primary key ("id"));`);
    this.addSql(`create index "offer_code_workspace_id_campaign_id_index" on "offer_code" ("workspace_id", "campaign_id");`);
    this.addSql(`alter table "offer_code" add constraint "offer_code_workspace_id_code_unique" unique ("workspace_id", "code");`);

    this.addSql(`create table "conversion_count" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "link_id" uuid null, "code_id" uuid null, "day" date not null, "clicks" bigint null, "sessions" bigint null, "registrations" bigint null, "target_actions" bigint null, "sales" bigint null, "revenue_minor" bigint null, "currency" varchar(3) not null, primary key ("id"));`);
    this.addSql(`create index "conversion_count_workspace_id_day_index" on "conversion_count" ("workspace_id", "day");`);
    this.addSql(`alter table "conversion_count" add constraint "conversion_count_link_id_day_unique" unique ("link_id", "day");`);
    this.addSql(`alter table "conversion_count" add constraint "conversion_count_code_id_day_unique" unique ("code_id", "day");`);

    this.addSql(`create table "metric_snapshot" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "post_id" uuid not null, "captured_at" timestamptz not null, "views" bigint null, "reach" bigint null, "impressions" bigint null, "likes" bigint null, "comments" bigint null, "shares" bigint null, "saves" bigint null, "profile_visits" bigint null, "link_clicks" bigint null, "follows" bigint null, "watch_time_seconds" bigint null, "returning_viewers" bigint null, primary key ("id"));`);
    this.addSql(`create index "metric_snapshot_workspace_id_captured_at_index" on "metric_snapshot" ("workspace_id", "captured_at");`);
    this.addSql(`alter table "metric_snapshot" add constraint "metric_snapshot_post_id_captured_at_unique" unique ("post_id", "captured_at");`);

    this.addSql(`create table "audience_breakdown" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "post_id" uuid null, "source_id" uuid null, "dimension" text not null, "key" varchar(8) not null, "share" double precision not null, "captured_on" date not null, primary key ("id"));`);
    this.addSql(`create index "audience_breakdown_workspace_id_captured_on_index" on "audience_breakdown" ("workspace_id", "captured_on");`);
    this.addSql(`alter table "audience_breakdown" add constraint "audience_breakdown_post_id_dimension_key_captured_on_unique" unique ("post_id", "dimension", "key", "captured_on");`);
    this.addSql(`alter table "audience_breakdown" add constraint "audience_breakdown_source_id_dimension_key_captured_on_unique" unique ("source_id", "dimension", "key", "captured_on");`);

    this.addSql(`alter table "survey_answer_count" add constraint "survey_answer_count_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "survey_answer_count" add constraint "survey_answer_count_source_id_foreign" foreign key ("source_id") references "source" ("id");`);

    this.addSql(`alter table "follower_snapshot" add constraint "follower_snapshot_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "follower_snapshot" add constraint "follower_snapshot_source_id_foreign" foreign key ("source_id") references "source" ("id");`);

    this.addSql(`alter table "tracking_link" add constraint "tracking_link_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "tracking_link" add constraint "tracking_link_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`);
    this.addSql(`alter table "tracking_link" add constraint "tracking_link_source_id_foreign" foreign key ("source_id") references "source" ("id");`);
    this.addSql(`alter table "tracking_link" add constraint "tracking_link_post_id_foreign" foreign key ("post_id") references "post" ("id") on delete set null;`);

    this.addSql(`alter table "offer_code" add constraint "offer_code_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "offer_code" add constraint "offer_code_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`);
    this.addSql(`alter table "offer_code" add constraint "offer_code_source_id_foreign" foreign key ("source_id") references "source" ("id");`);
    this.addSql(`alter table "offer_code" add constraint "offer_code_post_id_foreign" foreign key ("post_id") references "post" ("id") on delete set null;`);

    this.addSql(`alter table "conversion_count" add constraint "conversion_count_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "conversion_count" add constraint "conversion_count_link_id_foreign" foreign key ("link_id") references "tracking_link" ("id") on delete set null;`);
    this.addSql(`alter table "conversion_count" add constraint "conversion_count_code_id_foreign" foreign key ("code_id") references "offer_code" ("id") on delete set null;`);
    this.addSql(`alter table "conversion_count" add constraint "conversion_count_link_or_code" check ((link_id is null) <> (code_id is null));`);

    this.addSql(`alter table "metric_snapshot" add constraint "metric_snapshot_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "metric_snapshot" add constraint "metric_snapshot_post_id_foreign" foreign key ("post_id") references "post" ("id");`);

    this.addSql(`alter table "audience_breakdown" add constraint "audience_breakdown_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "audience_breakdown" add constraint "audience_breakdown_post_id_foreign" foreign key ("post_id") references "post" ("id") on delete set null;`);
    this.addSql(`alter table "audience_breakdown" add constraint "audience_breakdown_source_id_foreign" foreign key ("source_id") references "source" ("id") on delete set null;`);
    this.addSql(`alter table "audience_breakdown" add constraint "audience_breakdown_post_or_source" check ((post_id is null) <> (source_id is null));`);
    this.addSql(`alter table "audience_breakdown" add constraint "audience_breakdown_dimension_check" check ("dimension" in ('country', 'language'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "conversion_count" drop constraint "conversion_count_link_id_foreign";`);
    this.addSql(`alter table "conversion_count" drop constraint "conversion_count_code_id_foreign";`);

    this.addSql(`drop table if exists "survey_answer_count" cascade;`);
    this.addSql(`drop table if exists "follower_snapshot" cascade;`);
    this.addSql(`drop table if exists "tracking_link" cascade;`);
    this.addSql(`drop table if exists "offer_code" cascade;`);
    this.addSql(`drop table if exists "conversion_count" cascade;`);
    this.addSql(`drop table if exists "metric_snapshot" cascade;`);
    this.addSql(`drop table if exists "audience_breakdown" cascade;`);
  }

}
