import { Migration } from '@mikro-orm/migrations';

// The audit log: one row per write made through the API, per export and per share-link view.
export class Migration20261203132313_audit_log extends Migration {

  override name = 'Migration20261203132313_audit_log';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "created_at" timestamptz not null, "workspace_id" uuid not null, "actor_kind" text not null, "actor_user_id" uuid null, "actor_api_key_id" uuid null, "actor_role" text null, "action" text not null, "entity_type" varchar(64) not null, "entity_id" varchar(64) null, "changes" jsonb null, "details" jsonb null, "request_id" varchar(128) null, primary key ("id"));`);
    this.addSql(`create index "audit_entry_workspace_id_created_at_id_index" on "audit_entry" ("workspace_id", "created_at", "id");`);
    this.addSql(`create index "audit_entry_workspace_id_entity_type_entity_id_created_at_index" on "audit_entry" ("workspace_id", "entity_type", "entity_id", "created_at");`);
    this.addSql(`create index "audit_entry_workspace_id_actor_user_id_created_at_index" on "audit_entry" ("workspace_id", "actor_user_id", "created_at");`);
    this.addSql(`create index "audit_entry_workspace_id_actor_api_key_id_created_at_index" on "audit_entry" ("workspace_id", "actor_api_key_id", "created_at");`);
    this.addSql(`create index "audit_entry_workspace_id_action_created_at_index" on "audit_entry" ("workspace_id", "action", "created_at");`);
    this.addSql(`create index "audit_entry_workspace_id_request_id_index" on "audit_entry" ("workspace_id", "request_id");`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_actor_kind_check" check ("actor_kind" in ('api_key', 'share_link', 'system'));`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_actor_role_check" check ("actor_role" in ('admin', 'studio', 'approver', 'executive'));`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_action_check" check ("action" in ('create', 'update', 'delete', 'revoke', 'bulk_write', 'export', 'view'));`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }

}
