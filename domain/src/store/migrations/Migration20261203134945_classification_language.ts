import { Migration } from '@mikro-orm/migrations';

// The language the classifier detected in a comment (ISO 639-1, 'und' when the text does not say),
// so lists and the brand-safety report can show it; null for results from before detection existed
// and from classifiers that do not detect it.
export class Migration20261203134945_classification_language extends Migration {

  override name = 'Migration20261203134945_classification_language';

  override up(): void | Promise<void> {
    this.addSql(`alter table "comment_classification" add column "language" varchar(16) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "comment_classification" drop column "language";`);
  }

}
