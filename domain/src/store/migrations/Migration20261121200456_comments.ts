import { Migration } from '@mikro-orm/migrations';

export class Migration20261121200456_comments extends Migration {

  override name = 'Migration20261121200456_comments';

  override up(): void | Promise<void> {
    this.addSql(`create table "comment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "post_id" uuid not null, "platform_comment_id" varchar(255) not null, "author_handle" varchar(255) not null default '', "text" text not null, "posted_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "comment_workspace_id_posted_at_index" on "comment" ("workspace_id", "posted_at");`);
    this.addSql(`alter table "comment" add constraint "comment_post_id_platform_comment_id_unique" unique ("post_id", "platform_comment_id");`);

    this.addSql(`create table "comment_classification" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "comment_id" uuid not null, "classifier" varchar(255) not null, "version" varchar(255) not null, "sentiment" text not null, "score" double precision not null, "flags" text[] not null, "mentions_character" boolean not null, "classified_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "comment_classification_workspace_id_classified_at_index" on "comment_classification" ("workspace_id", "classified_at");`);
    this.addSql(`alter table "comment_classification" add constraint "comment_classification_comment_id_classifier_version_unique" unique ("comment_id", "classifier", "version");`);

    this.addSql(`create table "classification_task" ("comment_id" uuid not null, "workspace_id" uuid not null, "state" text not null default 'pending', "available_at" timestamptz not null, "dispatch_count" int not null default 0, "created_at" timestamptz not null, primary key ("comment_id"));`);
    this.addSql(`create index "classification_task_state_available_at_index" on "classification_task" ("state", "available_at");`);

    this.addSql(`alter table "workspace" add "competitors" jsonb not null default '[]', add "alert_webhook_url" varchar(2048) null, add "alert_webhook_secret" varchar(255) null;`);

    this.addSql(`alter table "comment" add constraint "comment_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "comment" add constraint "comment_post_id_foreign" foreign key ("post_id") references "post" ("id");`);

    this.addSql(`alter table "comment_classification" add constraint "comment_classification_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "comment_classification" add constraint "comment_classification_comment_id_foreign" foreign key ("comment_id") references "comment" ("id");`);
    this.addSql(`alter table "comment_classification" add constraint "comment_classification_sentiment_check" check ("sentiment" in ('negative', 'neutral', 'positive'));`);

    this.addSql(`alter table "classification_task" add constraint "classification_task_comment_id_foreign" foreign key ("comment_id") references "comment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "classification_task" add constraint "classification_task_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "classification_task" add constraint "classification_task_state_check" check ("state" in ('pending', 'dispatched'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "comment_classification" drop constraint "comment_classification_comment_id_foreign";`);
    this.addSql(`alter table "classification_task" drop constraint "classification_task_comment_id_foreign";`);

    this.addSql(`drop table if exists "comment" cascade;`);
    this.addSql(`drop table if exists "comment_classification" cascade;`);
    this.addSql(`drop table if exists "classification_task" cascade;`);

    this.addSql(`alter table "workspace" drop column "competitors", drop column "alert_webhook_url", drop column "alert_webhook_secret";`);
  }

}
