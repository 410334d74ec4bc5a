import { Migration } from '@mikro-orm/migrations';

export class Migration20261121202036_alerts extends Migration {

  override name = 'Migration20261121202036_alerts';

  override up(): void | Promise<void> {
    this.addSql(`create table "alert" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "source_id" uuid not null, "metric" text not null, "day" date not null, "share" double precision not null, "baseline_mean" double precision not null, "baseline_sd" double precision not null, "comments" int not null, "detected_at" timestamptz not null, "delivered_at" timestamptz null, "delivery_attempts" int not null default 0, "last_delivery_error" text null, primary key ("id"));`);
    this.addSql(`create index "alert_workspace_id_detected_at_index" on "alert" ("workspace_id", "detected_at");`);
    this.addSql(`alter table "alert" add constraint "alert_workspace_id_source_id_metric_day_unique" unique ("workspace_id", "source_id", "metric", "day");`);

    this.addSql(`alter table "alert" add constraint "alert_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "alert" add constraint "alert_source_id_foreign" foreign key ("source_id") references "source" ("id");`);
    this.addSql(`alter table "alert" add constraint "alert_metric_check" check ("metric" in ('negative_share', 'flagged_share'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "alert" cascade;`);
  }

}
