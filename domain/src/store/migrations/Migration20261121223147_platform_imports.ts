import { Migration } from '@mikro-orm/migrations';

export class Migration20261121223147_platform_imports extends Migration {

  override name = 'Migration20261121223147_platform_imports';

  override up(): void | Promise<void> {
    this.addSql(`create table "unlinked_import_row" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "import_job_id" uuid not null, "line" int not null, "kind" varchar(32) not null, "platform" varchar(32) not null, "match_key" varchar(2048) not null, "raw" jsonb not null, "parsed" jsonb not null, "reason" text not null, "state" text not null default 'open', "fingerprint" varchar(64) not null, "resolved_at" timestamptz null, "resolved_to" uuid null, primary key ("id"));`);
    this.addSql(`create index "unlinked_import_row_workspace_id_state_created_at_index" on "unlinked_import_row" ("workspace_id", "state", "created_at");`);
    this.addSql(`create index "unlinked_import_row_import_job_id_index" on "unlinked_import_row" ("import_job_id");`);
    this.addSql(`create index "unlinked_import_row_workspace_id_match_key_index" on "unlinked_import_row" ("workspace_id", "match_key");`);
    this.addSql(`alter table "unlinked_import_row" add constraint "unlinked_import_row_workspace_id_fingerprint_unique" unique ("workspace_id", "fingerprint");`);

    this.addSql(`create table "column_mapping" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "kind" varchar(32) not null, "platform" varchar(32) not null, "mapping" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "column_mapping" add constraint "column_mapping_workspace_id_kind_platform_unique" unique ("workspace_id", "kind", "platform");`);

    this.addSql(`alter table "import_job" drop constraint "import_job_kind_check";`);
    this.addSql(`alter table "import_job" add "platform" varchar(32) null, add "options" jsonb null, add "unlinked" int not null default 0, add "skipped" int not null default 0;`);
    this.addSql(`alter table "import_job" add constraint "import_job_kind_check" check ("kind" in ('comments', 'post-metrics', 'conversions'));`);

    this.addSql(`alter table "post" add "platform_post_id" varchar(255) null;`);
    this.addSql(`create index "post_workspace_id_platform_post_id_index" on "post" ("workspace_id", "platform_post_id");`);

    this.addSql(`alter table "unlinked_import_row" add constraint "unlinked_import_row_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "unlinked_import_row" add constraint "unlinked_import_row_import_job_id_foreign" foreign key ("import_job_id") references "import_job" ("id");`);
    this.addSql(`alter table "unlinked_import_row" add constraint "unlinked_import_row_state_check" check ("state" in ('open', 'resolved', 'dismissed'));`);

    this.addSql(`alter table "column_mapping" add constraint "column_mapping_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "unlinked_import_row" cascade;`);
    this.addSql(`drop table if exists "column_mapping" cascade;`);

    this.addSql(`alter table "import_job" drop constraint "import_job_kind_check";`);
    this.addSql(`alter table "import_job" drop column "platform", drop column "options", drop column "unlinked", drop column "skipped";`);
    this.addSql(`alter table "import_job" add constraint "import_job_kind_check" check ("kind" in ('comments'));`);

    this.addSql(`drop index "post_workspace_id_platform_post_id_index";`);
    this.addSql(`alter table "post" drop column "platform_post_id";`);
  }

}
