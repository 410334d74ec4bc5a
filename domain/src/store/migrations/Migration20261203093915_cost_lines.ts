import { Migration } from '@mikro-orm/migrations';

export class Migration20261203093915_cost_lines extends Migration {

  override name = 'Migration20261203093915_cost_lines';

  override up(): void | Promise<void> {
    this.addSql(`create table "cost_line" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "campaign_id" uuid not null, "source_id" uuid null, "external_id" varchar(255) null, "kind" text not null, "basis" text not null, "unit_amount_minor" bigint not null, "deliverables" int not null default 1, "currency" varchar(3) not null, "incurred_on" date not null, "status" text not null, "split" text null, "shares" jsonb null, "note" varchar(255) null, primary key ("id"));`);
    this.addSql(`create index "cost_line_workspace_id_campaign_id_index" on "cost_line" ("workspace_id", "campaign_id");`);
    this.addSql(`create index "cost_line_workspace_id_source_id_index" on "cost_line" ("workspace_id", "source_id");`);
    this.addSql(`alter table "cost_line" add constraint "cost_line_workspace_id_external_id_unique" unique ("workspace_id", "external_id");`);

    // A campaign's fees become one shared creator-fee line split by deliverables, so no recorded
    // fee is lost when the per-campaign field goes (cost lines record them per source from now on).
    this.addSql(`insert into "cost_line" ("id", "created_at", "updated_at", "workspace_id", "campaign_id", "source_id", "external_id", "kind", "basis", "unit_amount_minor", "deliverables", "currency", "incurred_on", "status", "split", "shares", "note")
      select gen_random_uuid(), now(), now(), "workspace_id", "id", null, null, 'creator_fee', 'flat', "fees_minor", 1, "currency", "starts_on", 'committed', 'deliverables', null, 'Campaign fees recorded before cost lines'
      from "campaign" where "fees_minor" > 0;`);
    this.addSql(`alter table "campaign" drop column "fees_minor";`);

    this.addSql(`alter table "cost_line" add constraint "cost_line_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id");`);
    this.addSql(`alter table "cost_line" add constraint "cost_line_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`);
    this.addSql(`alter table "cost_line" add constraint "cost_line_source_id_foreign" foreign key ("source_id") references "source" ("id") on delete restrict;`);
    this.addSql(`alter table "cost_line" add constraint "cost_line_split_when_shared" check ((source_id is null) = (split is not null));`);
    this.addSql(`alter table "cost_line" add constraint "cost_line_kind_check" check ("kind" in ('creator_fee', 'usage_rights', 'product_seeding', 'agency_commission', 'paid_boost', 'other'));`);
    this.addSql(`alter table "cost_line" add constraint "cost_line_basis_check" check ("basis" in ('flat', 'per_deliverable'));`);
    this.addSql(`alter table "cost_line" add constraint "cost_line_status_check" check ("status" in ('committed', 'spent'));`);
    this.addSql(`alter table "cost_line" add constraint "cost_line_split_check" check ("split" in ('deliverables', 'explicit'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "cost_line" cascade;`);

    this.addSql(`alter table "campaign" add "fees_minor" int8 not null default '0';`);
  }

}
