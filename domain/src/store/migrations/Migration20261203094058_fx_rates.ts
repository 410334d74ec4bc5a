import { Migration } from '@mikro-orm/migrations';

export class Migration20261203094058_fx_rates extends Migration {

  override name = 'Migration20261203094058_fx_rates';

  override up(): void | Promise<void> {
    this.addSql(`create table "fx_rate" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "day" date not null, "base" varchar(3) not null, "quote" varchar(3) not null, "rate" numeric(28,14) not null, primary key ("id"));`);
    this.addSql(`alter table "fx_rate" add constraint "fx_rate_workspace_id_day_base_quote_unique" unique ("workspace_id", "day", "base", "quote");`);

    // Existing workspaces report in their own currency until an admin picks another.
    this.addSql(`alter table "workspace" add "reporting_currency" varchar(3) null;`);
    this.addSql(`update "workspace" set "reporting_currency" = "currency";`);
    this.addSql(`alter table "workspace" alter column "reporting_currency" set not null;`);

    this.addSql(`alter table "fx_rate" add constraint "fx_rate_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "fx_rate" add constraint "fx_rate_positive" check (rate > 0);`);
    this.addSql(`alter table "fx_rate" add constraint "fx_rate_two_currencies" check (base <> quote);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "fx_rate" cascade;`);

    this.addSql(`alter table "workspace" drop column "reporting_currency";`);
  }

}
