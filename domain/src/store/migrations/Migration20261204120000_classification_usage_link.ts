import { Migration } from '@mikro-orm/migrations';

export class Migration20261204120000_classification_usage_link extends Migration {

  override name = 'Migration20261204120000_classification_usage_link';

  override up(): void | Promise<void> {
    this.addSql(`alter table "comment_classification" add column "usage_id" uuid null;`);
    this.addSql(`alter table "comment_classification" add constraint "comment_classification_usage_id_foreign" foreign key ("usage_id") references "classification_usage" ("id") on delete set null;`);
    this.addSql(`create index "comment_classification_usage_id_index" on "comment_classification" ("usage_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "comment_classification_usage_id_index";`);
    this.addSql(`alter table "comment_classification" drop constraint "comment_classification_usage_id_foreign";`);
    this.addSql(`alter table "comment_classification" drop column "usage_id";`);
  }

}
