import { Migration } from '@mikro-orm/migrations';

export class Migration20261121204305_classification_usage extends Migration {

  override name = 'Migration20261121204305_classification_usage';

  override up(): void | Promise<void> {
    this.addSql(`create table "classification_usage" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "classifier" varchar(255) not null, "version" varchar(255) not null, "comments" int not null, "prompt_tokens" int not null default 0, "completion_tokens" int not null default 0, "cost_usd_micros" bigint not null default '0', "requests" int not null default 0, "recorded_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "classification_usage_workspace_id_recorded_at_index" on "classification_usage" ("workspace_id", "recorded_at");`);

    this.addSql(`alter table "classification_usage" add constraint "classification_usage_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "classification_usage" cascade;`);
  }

}
