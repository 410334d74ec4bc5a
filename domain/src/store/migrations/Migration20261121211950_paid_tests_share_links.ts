import { Migration } from '@mikro-orm/migrations';

export class Migration20261121211950_paid_tests_share_links extends Migration {

  override name = 'Migration20261121211950_paid_tests_share_links';

  override up(): void | Promise<void> {
    this.addSql(`create table "share_link" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "campaign_id" uuid not null, "created_by_id" uuid null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_viewed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "share_link" add constraint "share_link_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "share_link_workspace_id_campaign_id_index" on "share_link" ("workspace_id", "campaign_id");`);

    this.addSql(`create table "paid_test" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "campaign_id" uuid not null, "name" varchar(255) not null, "kind" text not null, "starts_on" date not null, "ends_on" date not null, primary key ("id"));`);
    this.addSql(`create index "paid_test_workspace_id_campaign_id_index" on "paid_test" ("workspace_id", "campaign_id");`);

    this.addSql(`create table "paid_test_arm" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "test_id" uuid not null, "name" varchar(255) not null, "role" text not null, "asset_id" uuid null, "ai_generated" boolean not null default false, "spend_minor" bigint not null default '0', "currency" varchar(3) not null, "audience" bigint null, "impressions" bigint null, "clicks" bigint null, "conversions" bigint null, primary key ("id"));`);
    this.addSql(`create index "paid_test_arm_workspace_id_index" on "paid_test_arm" ("workspace_id");`);
    this.addSql(`alter table "paid_test_arm" add constraint "paid_test_arm_test_id_name_unique" unique ("test_id", "name");`);

    this.addSql(`alter table "share_link" add constraint "share_link_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "share_link" add constraint "share_link_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`);
    this.addSql(`alter table "share_link" add constraint "share_link_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`);

    this.addSql(`alter table "paid_test" add constraint "paid_test_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "paid_test" add constraint "paid_test_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`);
    this.addSql(`alter table "paid_test" add constraint "paid_test_kind_check" check ("kind" in ('creative_ab', 'holdout'));`);

    this.addSql(`alter table "paid_test_arm" add constraint "paid_test_arm_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "paid_test_arm" add constraint "paid_test_arm_test_id_foreign" foreign key ("test_id") references "paid_test" ("id");`);
    this.addSql(`alter table "paid_test_arm" add constraint "paid_test_arm_asset_id_foreign" foreign key ("asset_id") references "asset" ("id") on delete set null;`);
    this.addSql(`alter table "paid_test_arm" add constraint "paid_test_arm_role_check" check ("role" in ('treatment', 'control', 'holdout'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "paid_test_arm" drop constraint "paid_test_arm_test_id_foreign";`);

    this.addSql(`drop table if exists "share_link" cascade;`);
    this.addSql(`drop table if exists "paid_test" cascade;`);
    this.addSql(`drop table if exists "paid_test_arm" cascade;`);
  }

}
