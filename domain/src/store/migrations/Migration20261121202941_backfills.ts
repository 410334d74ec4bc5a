import { Migration } from '@mikro-orm/migrations';

export class Migration20261121202941_backfills extends Migration {

  override name = 'Migration20261121202941_backfills';

  override up(): void | Promise<void> {
    this.addSql(`create table "classification_backfill" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "requested_by_id" uuid null, "state" text not null default 'queued', "target_versions" text[] null, "total" int null, "queued" int not null default 0, "cursor" uuid null, "started_at" timestamptz null, "finished_at" timestamptz null, "error" text null, primary key ("id"));`);
    this.addSql(`create index "classification_backfill_workspace_id_created_at_index" on "classification_backfill" ("workspace_id", "created_at");`);

    this.addSql(`alter table "classification_backfill" add constraint "classification_backfill_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "classification_backfill" add constraint "classification_backfill_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "classification_backfill" add constraint "classification_backfill_state_check" check ("state" in ('queued', 'running', 'done', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "classification_backfill" cascade;`);
  }

}
