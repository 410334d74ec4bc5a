import { Migration } from '@mikro-orm/migrations';

export class Migration20261203103546_money_bigint extends Migration {

  override name = 'Migration20261203103546_money_bigint';

  override up(): void | Promise<void> {
    this.addSql(`alter table "workspace" alter column "hourly_rate_minor" type bigint using ("hourly_rate_minor"::bigint);`);
    this.addSql(`alter table "workspace" alter column "hourly_rate_minor" set default '0';`);

    this.addSql(`alter table "source" alter column "hourly_rate_minor" type bigint using ("hourly_rate_minor"::bigint);`);

    this.addSql(`alter table "asset" alter column "generation_cost_minor" type bigint using ("generation_cost_minor"::bigint);`);
    this.addSql(`alter table "asset" alter column "generation_cost_minor" set default '0';`);
    this.addSql(`alter table "asset" alter column "other_cost_minor" type bigint using ("other_cost_minor"::bigint);`);
    this.addSql(`alter table "asset" alter column "other_cost_minor" set default '0';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "asset" alter column "generation_cost_minor" type int4 using ("generation_cost_minor"::int4);`);
    this.addSql(`alter table "asset" alter column "generation_cost_minor" set default 0;`);
    this.addSql(`alter table "asset" alter column "other_cost_minor" type int4 using ("other_cost_minor"::int4);`);
    this.addSql(`alter table "asset" alter column "other_cost_minor" set default 0;`);

    this.addSql(`alter table "source" alter column "hourly_rate_minor" type int4 using ("hourly_rate_minor"::int4);`);

    this.addSql(`alter table "workspace" alter column "hourly_rate_minor" type int4 using ("hourly_rate_minor"::int4);`);
    this.addSql(`alter table "workspace" alter column "hourly_rate_minor" set default 0;`);
  }

}
