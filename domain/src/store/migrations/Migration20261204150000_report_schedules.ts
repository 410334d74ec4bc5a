import { Migration } from '@mikro-orm/migrations';

export class Migration20261204150000_report_schedules extends Migration {

  override name = 'Migration20261204150000_report_schedules';

  override up(): void | Promise<void> {
    this.addSql(`create table "report_schedule" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "name" varchar(255) not null, "kind" text not null, "campaign_id" uuid null, "cadence" text not null, "weekday" smallint not null default 1, "day_of_month" smallint not null default 1, "hour_utc" smallint not null, "email_recipients" jsonb not null default '[]', "slack_webhook_url" varchar(2048) null, "created_by_id" uuid null, "last_run_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "report_schedule_workspace_id_created_at_index" on "report_schedule" ("workspace_id", "created_at");`);

    this.addSql(`create table "report_delivery" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "schedule_id" uuid null, "alert_id" uuid null, "run_key" varchar(255) not null, "channel" text not null, "recipient" varchar(255) not null, "outcome" text not null, "error" text null, "attempts" int not null default 0, "sent_at" timestamptz null, "subject" text not null, "text" text not null, "attachment" bytea null, "attachment_name" varchar(255) null, primary key ("id"));`);
    this.addSql(`create index "report_delivery_workspace_id_created_at_index" on "report_delivery" ("workspace_id", "created_at");`);
    this.addSql(`create index "report_delivery_schedule_id_index" on "report_delivery" ("schedule_id");`);
    this.addSql(`create index "report_delivery_alert_id_index" on "report_delivery" ("alert_id");`);
    this.addSql(`alter table "report_delivery" add constraint "report_delivery_workspace_id_run_key_channel_recipient_unique" unique ("workspace_id", "run_key", "channel", "recipient");`);

    this.addSql(`alter table "workspace" add "alert_email_recipients" jsonb not null default '[]', add "alert_slack_webhook_url" varchar(2048) null;`);

    this.addSql(`alter table "report_schedule" add constraint "report_schedule_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "report_schedule" add constraint "report_schedule_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on delete cascade;`);
    this.addSql(`alter table "report_schedule" add constraint "report_schedule_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "report_schedule" add constraint "report_schedule_kind_check" check ("kind" in ('campaign', 'overview', 'comparison', 'brand_safety'));`);
    this.addSql(`alter table "report_schedule" add constraint "report_schedule_cadence_check" check ("cadence" in ('weekly', 'monthly'));`);

    this.addSql(`alter table "report_delivery" add constraint "report_delivery_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "report_delivery" add constraint "report_delivery_schedule_id_foreign" foreign key ("schedule_id") references "report_schedule" ("id") on delete set null;`);
    this.addSql(`alter table "report_delivery" add constraint "report_delivery_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on delete cascade;`);
    this.addSql(`alter table "report_delivery" add constraint "report_delivery_channel_check" check ("channel" in ('email', 'slack'));`);
    this.addSql(`alter table "report_delivery" add constraint "report_delivery_outcome_check" check ("outcome" in ('pending', 'retrying', 'sent', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "report_delivery" drop constraint "report_delivery_schedule_id_foreign";`);

    this.addSql(`drop table if exists "report_schedule" cascade;`);
    this.addSql(`drop table if exists "report_delivery" cascade;`);

    this.addSql(`alter table "workspace" drop column "alert_email_recipients", drop column "alert_slack_webhook_url";`);
  }

}
