import { Migration } from '@mikro-orm/migrations';

export class Migration20261121205125_task_index extends Migration {

  override name = 'Migration20261121205125_task_index';

  override up(): void | Promise<void> {
    this.addSql(`drop index "classification_task_state_available_at_index";`);
    this.addSql(`create index "classification_task_available_at_index" on "classification_task" ("available_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "classification_task_available_at_index";`);
    this.addSql(`create index "classification_task_state_available_at_index" on "classification_task" ("state", "available_at");`);
  }

}
