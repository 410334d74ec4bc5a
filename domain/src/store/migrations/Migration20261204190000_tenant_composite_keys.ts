import { Migration } from '@mikro-orm/migrations';

// A comment, its classification task and its classifications each referenced their workspace and
// their parent by two foreign keys: two checks per row on insert (a `FOR KEY SHARE` lookup each),
// the workspace one on the same row for every comment of a batch, taken by every concurrent
// writer. One composite key per table checks both at once and says more: the row's workspace is
// its parent's (a comment's is its post's, a task's and a classification's are their comment's),
// where the single keys let a row name any existing workspace. The workspace still exists for
// every row: the post's own key guarantees it, and a parent's (id, workspace_id) cannot change or
// go while rows reference it.
//
// Measured on the comments benchmark (test/bench/RESULTS.md, "Comments end to end"): about 40 % of
// storing 1,000 classifications was their foreign-key checks.
export class Migration20261204190000_tenant_composite_keys extends Migration {

  override name = 'Migration20261204190000_tenant_composite_keys';

  override up(): void | Promise<void> {
    this.addSql(`alter table "post" add constraint "post_id_workspace_id_unique" unique ("id", "workspace_id");`);
    this.addSql(`alter table "comment" add constraint "comment_id_workspace_id_unique" unique ("id", "workspace_id");`);

    this.addSql(`alter table "comment" add constraint "comment_post_id_workspace_id_foreign" foreign key ("post_id", "workspace_id") references "post" ("id", "workspace_id");`);
    this.addSql(`alter table "comment" drop constraint "comment_post_id_foreign";`);
    this.addSql(`alter table "comment" drop constraint "comment_workspace_id_foreign";`);

    this.addSql(`alter table "classification_task" add constraint "classification_task_comment_id_workspace_id_foreign" foreign key ("comment_id", "workspace_id") references "comment" ("id", "workspace_id") on update cascade on delete cascade;`);
    this.addSql(`alter table "classification_task" drop constraint "classification_task_comment_id_foreign";`);
    this.addSql(`alter table "classification_task" drop constraint "classification_task_workspace_id_foreign";`);

    this.addSql(`alter table "comment_classification" add constraint "comment_classification_comment_id_workspace_id_foreign" foreign key ("comment_id", "workspace_id") references "comment" ("id", "workspace_id");`);
    this.addSql(`alter table "comment_classification" drop constraint "comment_classification_comment_id_foreign";`);
    this.addSql(`alter table "comment_classification" drop constraint "comment_classification_workspace_id_foreign";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "comment_classification" add constraint "comment_classification_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "comment_classification" add constraint "comment_classification_comment_id_foreign" foreign key ("comment_id") references "comment" ("id");`);
    this.addSql(`alter table "comment_classification" drop constraint "comment_classification_comment_id_workspace_id_foreign";`);

    this.addSql(`alter table "classification_task" add constraint "classification_task_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "classification_task" add constraint "classification_task_comment_id_foreign" foreign key ("comment_id") references "comment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "classification_task" drop constraint "classification_task_comment_id_workspace_id_foreign";`);

    this.addSql(`alter table "comment" add constraint "comment_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "comment" add constraint "comment_post_id_foreign" foreign key ("post_id") references "post" ("id");`);
    this.addSql(`alter table "comment" drop constraint "comment_post_id_workspace_id_foreign";`);

    this.addSql(`alter table "comment" drop constraint "comment_id_workspace_id_unique";`);
    this.addSql(`alter table "post" drop constraint "post_id_workspace_id_unique";`);
  }

}
