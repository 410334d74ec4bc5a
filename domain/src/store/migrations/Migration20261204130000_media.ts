import { Migration } from '@mikro-orm/migrations';

export class Migration20261204130000_media extends Migration {

  override name = 'Migration20261204130000_media';

  override up(): void | Promise<void> {
    this.addSql(`create table "media" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "asset_id" uuid not null, "revision" int not null, "kind" text not null, "content_type" text not null, "byte_size" bigint not null, "file_name" varchar(255) not null, "width" int null, "height" int null, "storage_key" varchar(255) not null, "thumbnail_key" varchar(255) null, "uploaded_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "media_workspace_id_asset_id_revision_index" on "media" ("workspace_id", "asset_id", "revision");`);

    this.addSql(`alter table "media" add constraint "media_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "media" add constraint "media_asset_id_foreign" foreign key ("asset_id") references "asset" ("id");`);
    this.addSql(`alter table "media" add constraint "media_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "media" add constraint "media_kind_check" check ("kind" in ('image', 'video'));`);
    this.addSql(`alter table "media" add constraint "media_content_type_check" check ("content_type" in ('image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4', 'video/webm', 'video/quicktime'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "media" cascade;`);
  }

}
