import { Migration } from '@mikro-orm/migrations';

export class Migration20261204160000_platform_connections extends Migration {

  override name = 'Migration20261204160000_platform_connections';

  override up(): void | Promise<void> {
    this.addSql(`create table "platform_connection" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "source_id" uuid not null, "platform" text check ("platform" in ('youtube', 'instagram', 'tiktok')) not null, "state" text check ("state" in ('pending', 'connected', 'expired', 'revoked', 'failed')) not null default 'pending', "account_id" varchar(255) null, "account_handle" varchar(255) null, "access_token" text null, "refresh_token" text null, "token_expires_at" timestamptz null, "scopes" jsonb not null default '[]', "auth_state_hash" varchar(64) null, "code_verifier" text null, "auth_started_at" timestamptz null, "connected_at" timestamptz null, "backfilled_at" timestamptz null, "last_pulled_at" timestamptz null, "next_pull_at" timestamptz null, "last_error" text null, "last_error_at" timestamptz null, "cursor" jsonb null, "pulling_until" timestamptz null, "scheduled_every_ms" int null, "pull_requested_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "platform_connection_state_index" on "platform_connection" ("state");`);
    this.addSql(`alter table "platform_connection" add constraint "platform_connection_workspace_id_source_id_platform_unique" unique ("workspace_id", "source_id", "platform");`);
    this.addSql(`alter table "platform_connection" add constraint "platform_connection_auth_state_hash_unique" unique ("auth_state_hash");`);
    this.addSql(`alter table "platform_connection" add constraint "platform_connection_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "platform_connection" add constraint "platform_connection_source_id_foreign" foreign key ("source_id") references "source" ("id");`);
    // A post a connection found that no campaign claims waits with the import rows that named no post.
    this.addSql(`alter table "unlinked_import_row" alter column "import_job_id" drop not null;`);
    this.addSql(`alter table "unlinked_import_row" drop constraint "unlinked_import_row_import_job_id_foreign";`);
    this.addSql(`alter table "unlinked_import_row" add constraint "unlinked_import_row_import_job_id_foreign" foreign key ("import_job_id") references "import_job" ("id") on delete set null;`);
    this.addSql(`alter table "unlinked_import_row" add column "connection_id" uuid null;`);
    this.addSql(`alter table "unlinked_import_row" add constraint "unlinked_import_row_connection_id_foreign" foreign key ("connection_id") references "platform_connection" ("id") on delete set null;`);
    this.addSql(`create index "unlinked_import_row_connection_id_index" on "unlinked_import_row" ("connection_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "unlinked_import_row_connection_id_index";`);
    this.addSql(`alter table "unlinked_import_row" drop constraint "unlinked_import_row_connection_id_foreign";`);
    this.addSql(`alter table "unlinked_import_row" drop column "connection_id";`);
    this.addSql(`drop table if exists "platform_connection" cascade;`);
  }

}
