import { Migration } from '@mikro-orm/migrations';

export class Migration20261121194449_init extends Migration {

  override name = 'Migration20261121194449_init';

  override up(): void | Promise<void> {
    this.addSql(`create table "workspace" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "currency" varchar(3) not null default 'USD', "hourly_rate_minor" int not null default 0, "tier_overrides" jsonb not null default '{}', primary key ("id"));`);

    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "email" varchar(255) not null, "name" varchar(255) not null, "role" text not null, primary key ("id"));`);
    this.addSql(`create index "app_user_workspace_id_index" on "app_user" ("workspace_id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_workspace_id_email_unique" unique ("workspace_id", "email");`);

    this.addSql(`create table "source" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "kind" text not null, "name" varchar(255) not null, "handles" jsonb not null default '{}', "aliases" jsonb not null default '[]', "launched_on" date null, "hourly_rate_minor" int null, primary key ("id"));`);
    this.addSql(`create index "source_workspace_id_kind_index" on "source" ("workspace_id", "kind");`);

    this.addSql(`create table "campaign" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "name" varchar(255) not null, "goal" text not null, "starts_on" date not null, "ends_on" date not null, "attribution_window_days" int not null default 28, "budget_minor" bigint not null default '0', "fees_minor" bigint not null default '0', "currency" varchar(3) not null, "tracking_keywords" jsonb not null default '[]', "target_action" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create index "campaign_workspace_id_starts_on_index" on "campaign" ("workspace_id", "starts_on");`);

    this.addSql(`create table "brief" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "campaign_id" uuid not null, "source_id" uuid not null, "title" varchar(255) not null, "description" text not null default '', "opened_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "brief_workspace_id_index" on "brief" ("workspace_id");`);
    this.addSql(`create index "brief_campaign_id_index" on "brief" ("campaign_id");`);
    this.addSql(`create index "brief_source_id_index" on "brief" ("source_id");`);

    this.addSql(`create table "asset" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "brief_id" uuid not null, "campaign_id" uuid not null, "source_id" uuid not null, "title" varchar(255) not null, "kind" text not null, "tool" varchar(255) not null, "tool_version" varchar(255) not null default '', "prompt_ref" varchar(255) not null default '', "currency" varchar(3) not null, "generation_cost_minor" int not null default 0, "other_cost_minor" int not null default 0, "production_hours" numeric(8,2) not null, "state" text not null default 'draft', primary key ("id"));`);
    this.addSql(`create index "asset_brief_id_index" on "asset" ("brief_id");`);
    this.addSql(`create index "asset_workspace_id_state_created_at_index" on "asset" ("workspace_id", "state", "created_at");`);
    this.addSql(`create index "asset_workspace_id_campaign_id_index" on "asset" ("workspace_id", "campaign_id");`);
    this.addSql(`create index "asset_workspace_id_source_id_index" on "asset" ("workspace_id", "source_id");`);

    this.addSql(`create table "post" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "asset_id" uuid not null, "campaign_id" uuid not null, "source_id" uuid not null, "channel" varchar(255) not null, "url" varchar(2048) not null, "published_at" timestamptz not null, "placement" text not null, "spend_minor" bigint not null default '0', "currency" varchar(3) not null, "ai_label_applied" boolean not null, primary key ("id"));`);
    this.addSql(`create index "post_asset_id_index" on "post" ("asset_id");`);
    this.addSql(`create index "post_workspace_id_published_at_index" on "post" ("workspace_id", "published_at");`);
    this.addSql(`create index "post_workspace_id_campaign_id_published_at_index" on "post" ("workspace_id", "campaign_id", "published_at");`);
    this.addSql(`create index "post_workspace_id_source_id_published_at_index" on "post" ("workspace_id", "source_id", "published_at");`);

    this.addSql(`create table "asset_transition" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "asset_id" uuid not null, "action" text not null, "from_state" text null, "to_state" text not null, "reason" text null, "actor_id" uuid null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "asset_transition_workspace_id_index" on "asset_transition" ("workspace_id");`);
    this.addSql(`create index "asset_transition_asset_id_at_index" on "asset_transition" ("asset_id", "at");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "user_id" uuid not null, "label" varchar(255) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "role" text not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "api_key_workspace_id_index" on "api_key" ("workspace_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);

    this.addSql(`alter table "app_user" add constraint "app_user_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_role_check" check ("role" in ('admin', 'studio', 'approver', 'executive'));`);

    this.addSql(`alter table "source" add constraint "source_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "source" add constraint "source_kind_check" check ("kind" in ('ai_character', 'human_creator', 'studio', 'product_ad'));`);

    this.addSql(`alter table "campaign" add constraint "campaign_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "campaign" add constraint "campaign_goal_check" check ("goal" in ('awareness', 'traffic', 'engagement', 'lead_generation', 'sales'));`);

    this.addSql(`alter table "brief" add constraint "brief_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "brief" add constraint "brief_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`);
    this.addSql(`alter table "brief" add constraint "brief_source_id_foreign" foreign key ("source_id") references "source" ("id");`);

    this.addSql(`alter table "asset" add constraint "asset_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "asset" add constraint "asset_brief_id_foreign" foreign key ("brief_id") references "brief" ("id");`);
    this.addSql(`alter table "asset" add constraint "asset_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`);
    this.addSql(`alter table "asset" add constraint "asset_source_id_foreign" foreign key ("source_id") references "source" ("id");`);
    this.addSql(`alter table "asset" add constraint "asset_kind_check" check ("kind" in ('image', 'video', 'carousel', 'text'));`);
    this.addSql(`alter table "asset" add constraint "asset_state_check" check ("state" in ('draft', 'in_review', 'changes_requested', 'approved', 'published', 'rejected'));`);

    this.addSql(`alter table "post" add constraint "post_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "post" add constraint "post_asset_id_foreign" foreign key ("asset_id") references "asset" ("id");`);
    this.addSql(`alter table "post" add constraint "post_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`);
    this.addSql(`alter table "post" add constraint "post_source_id_foreign" foreign key ("source_id") references "source" ("id");`);
    this.addSql(`alter table "post" add constraint "post_placement_check" check ("placement" in ('organic', 'paid'));`);

    this.addSql(`alter table "asset_transition" add constraint "asset_transition_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "asset_transition" add constraint "asset_transition_asset_id_foreign" foreign key ("asset_id") references "asset" ("id");`);
    this.addSql(`alter table "asset_transition" add constraint "asset_transition_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "asset_transition" add constraint "asset_transition_action_check" check ("action" in ('create', 'submit', 'approve', 'request_changes', 'reject', 'publish'));`);
    this.addSql(`alter table "asset_transition" add constraint "asset_transition_from_state_check" check ("from_state" in ('draft', 'in_review', 'changes_requested', 'approved', 'published', 'rejected'));`);
    this.addSql(`alter table "asset_transition" add constraint "asset_transition_to_state_check" check ("to_state" in ('draft', 'in_review', 'changes_requested', 'approved', 'published', 'rejected'));`);

    this.addSql(`alter table "api_key" add constraint "api_key_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_role_check" check ("role" in ('admin', 'studio', 'approver', 'executive'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_workspace_id_foreign";`);
    this.addSql(`alter table "source" drop constraint "source_workspace_id_foreign";`);
    this.addSql(`alter table "campaign" drop constraint "campaign_workspace_id_foreign";`);
    this.addSql(`alter table "brief" drop constraint "brief_workspace_id_foreign";`);
    this.addSql(`alter table "asset" drop constraint "asset_workspace_id_foreign";`);
    this.addSql(`alter table "post" drop constraint "post_workspace_id_foreign";`);
    this.addSql(`alter table "asset_transition" drop constraint "asset_transition_workspace_id_foreign";`);
    this.addSql(`alter table "api_key" drop constraint "api_key_workspace_id_foreign";`);
    this.addSql(`alter table "asset_transition" drop constraint "asset_transition_actor_id_foreign";`);
    this.addSql(`alter table "api_key" drop constraint "api_key_user_id_foreign";`);
    this.addSql(`alter table "brief" drop constraint "brief_source_id_foreign";`);
    this.addSql(`alter table "asset" drop constraint "asset_source_id_foreign";`);
    this.addSql(`alter table "post" drop constraint "post_source_id_foreign";`);
    this.addSql(`alter table "brief" drop constraint "brief_campaign_id_foreign";`);
    this.addSql(`alter table "asset" drop constraint "asset_campaign_id_foreign";`);
    this.addSql(`alter table "post" drop constraint "post_campaign_id_foreign";`);
    this.addSql(`alter table "asset" drop constraint "asset_brief_id_foreign";`);
    this.addSql(`alter table "post" drop constraint "post_asset_id_foreign";`);
    this.addSql(`alter table "asset_transition" drop constraint "asset_transition_asset_id_foreign";`);

    this.addSql(`drop table if exists "workspace" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "source" cascade;`);
    this.addSql(`drop table if exists "campaign" cascade;`);
    this.addSql(`drop table if exists "brief" cascade;`);
    this.addSql(`drop table if exists "asset" cascade;`);
    this.addSql(`drop table if exists "post" cascade;`);
    this.addSql(`drop table if exists "asset_transition" cascade;`);
    this.addSql(`drop table if exists "api_key" cascade;`);
  }

}
