import { Migration } from '@mikro-orm/migrations';

export class Migration20261203132319_import_streaming extends Migration {

  override name = 'Migration20261203132319_import_streaming';

  override up(): void | Promise<void> {
    // Uncompressed out of line: the worker reads the file in slices (substring), and PostgreSQL
    // reads only a slice's pages instead of decompressing the file up to it. Files stored before
    // stay compressed and are read the same way, only slower.
    this.addSql(`alter table "import_job" alter column "content" set storage external;`);

    this.addSql(`create table "import_row_key" ("import_job_id" uuid not null, "key_hash" uuid not null, "line" int not null, primary key ("import_job_id", "key_hash"));`);
    this.addSql(`alter table "import_row_key" add constraint "import_row_key_import_job_id_foreign" foreign key ("import_job_id") references "import_job" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_row_key" cascade;`);
    this.addSql(`alter table "import_job" alter column "content" set storage extended;`);
  }

}
