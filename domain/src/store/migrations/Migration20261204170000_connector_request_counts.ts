import { Migration } from '@mikro-orm/migrations';

export class Migration20261204170000_connector_request_counts extends Migration {

  override name = 'Migration20261204170000_connector_request_counts';

  override up(): void | Promise<void> {
    this.addSql(`create table "connector_request_count" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "platform" text check ("platform" in ('youtube', 'instagram', 'tiktok')) not null, "day" date not null, "requests" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "connector_request_count" add constraint "connector_request_count_platform_day_unique" unique ("platform", "day");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "connector_request_count" cascade;`);
  }

}
