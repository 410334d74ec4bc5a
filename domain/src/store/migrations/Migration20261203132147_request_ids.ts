import { Migration } from '@mikro-orm/migrations';

// The API request (x-request-id) that asked for an import, a backfill or a comment's
// classification, so the jobs doing that work log it and their lines can be found from the request's.
export class Migration20261203132147_request_ids extends Migration {

  override name = 'Migration20261203132147_request_ids';

  override up(): void | Promise<void> {
    this.addSql(`alter table "import_job" add column "request_id" varchar(255) null;`);
    this.addSql(`alter table "classification_backfill" add column "request_id" varchar(255) null;`);
    this.addSql(`alter table "classification_task" add column "request_id" varchar(255) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "classification_task" drop column "request_id";`);
    this.addSql(`alter table "classification_backfill" drop column "request_id";`);
    this.addSql(`alter table "import_job" drop column "request_id";`);
  }

}
