import { Migration } from '@mikro-orm/migrations';

export class Migration20261121205247_imports extends Migration {

  override name = 'Migration20261121205247_imports';

  override up(): void | Promise<void> {
    this.addSql(`create table "import_job" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "requested_by_id" uuid null, "kind" text not null, "state" text not null default 'queued', "file_name" varchar(255) not null, "mapping" jsonb not null, "content" bytea not null, "size_bytes" int not null, "total_rows" int null, "processed_rows" int not null default 0, "accepted" int not null default 0, "duplicates" int not null default 0, "rejected_count" int not null default 0, "rejections" jsonb not null, "started_at" timestamptz null, "finished_at" timestamptz null, "error" text null, primary key ("id"));`);
    this.addSql(`create index "import_job_workspace_id_created_at_index" on "import_job" ("workspace_id", "created_at");`);
    this.addSql(`create index "import_job_state_created_at_index" on "import_job" ("state", "created_at");`);

    this.addSql(`alter table "import_job" add constraint "import_job_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "import_job" add constraint "import_job_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "import_job" add constraint "import_job_kind_check" check ("kind" in ('comments'));`);
    this.addSql(`alter table "import_job" add constraint "import_job_state_check" check ("state" in ('queued', 'running', 'done', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_job" cascade;`);
  }

}
