import { Migration } from '@mikro-orm/migrations';

// Marks each comment's current classification (the newest by classified_at, then created_at, then
// id: the rule the reports' `distinct on` applied on every read, sorting every classification in
// scope per request) so readers take `where current`.
//
// A trigger keeps the mark rather than each writer: the classify jobs, backfills and the tests'
// fixtures all insert classifications, and one that forgot the rule would leave a comment out of
// every report or on a stale label. Statement-level, so a 10,000-row batch re-picks once. A writer
// may insert a row already marked when it is the comment's only classification (saveClassifications
// does for a first classification, the common case) and the trigger skips it: updating a row its
// own transaction inserted writes a second row version, every index and both foreign-key checks
// again (about 65 ms per 1,000 rows on the 2-core machine). A wrong premark cannot commit: two
// marked rows break comment_classification_current_unique.
//
// Writers of one comment's classifications take turns on the comment's row lock (FOR NO KEY UPDATE:
// the foreign-key checks' KEY SHARE is not blocked). Under READ COMMITTED every statement after the
// lock sees what the other writer committed, so two jobs reclassifying one comment at once agree on
// the winner instead of both marking theirs (a unique violation). A late classification with an
// older classified_at is inserted unmarked and stays so.
export class Migration20261204180000_current_classification extends Migration {

  override name = 'Migration20261204180000_current_classification';

  override up(): void | Promise<void> {
    this.addSql(`alter table "comment_classification" add "current" boolean not null default false;`);
    this.addSql(`update "comment_classification" cc set "current" = true
      from (
        select distinct on (comment_id) id from "comment_classification"
        order by comment_id, classified_at desc, created_at desc, id desc
      ) latest
      where cc.id = latest.id;`);
    this.addSql(`create unique index "comment_classification_current_unique" on "comment_classification" ("comment_id") where "current" = true;`);
    this.addSql(`create index "comment_classification_current_index" on "comment_classification" ("workspace_id", "comment_id") where "current" = true;`);
    this.addSql(`create function comment_classification_mark_current() returns trigger language plpgsql as $$
declare
  comment_ids uuid[];
begin
  if tg_level = 'ROW' then
    comment_ids := array[old.comment_id, new.comment_id];
  elsif tg_op = 'INSERT' then
    comment_ids := array(select distinct comment_id from new_rows where not current);
    if cardinality(comment_ids) = 0 then
      return null;
    end if;
  else
    comment_ids := array(select distinct comment_id from old_rows);
  end if;
  perform 1 from comment where id = any(comment_ids) order by id for no key update;
  -- Unmark before marking: the partial unique index is checked row by row.
  update comment_classification cc set current = false
  where cc.comment_id = any(comment_ids) and cc.current
    and cc.id <> (
      select w.id from comment_classification w where w.comment_id = cc.comment_id
      order by w.classified_at desc, w.created_at desc, w.id desc limit 1
    );
  update comment_classification cc set current = true
  from (
    select distinct on (comment_id) id from comment_classification
    where comment_id = any(comment_ids)
    order by comment_id, classified_at desc, created_at desc, id desc
  ) latest
  where cc.id = latest.id and not cc.current;
  return null;
end $$;`);
    this.addSql(`create trigger comment_classification_current_insert after insert on comment_classification referencing new table as new_rows for each statement execute function comment_classification_mark_current();`);
    this.addSql(`create trigger comment_classification_current_delete after delete on comment_classification referencing old table as old_rows for each statement execute function comment_classification_mark_current();`);
    // Nothing updates what decides the pick today; if something does, the pick follows. Row-level:
    // PostgreSQL has no transition tables for triggers on a column list, and the trigger's own
    // update sets only `current`, so it does not fire itself.
    this.addSql(`create trigger comment_classification_current_update after update of comment_id, classified_at, created_at on comment_classification for each row execute function comment_classification_mark_current();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger comment_classification_current_update on comment_classification;`);
    this.addSql(`drop trigger comment_classification_current_delete on comment_classification;`);
    this.addSql(`drop trigger comment_classification_current_insert on comment_classification;`);
    this.addSql(`drop function comment_classification_mark_current();`);
    this.addSql(`drop index "comment_classification_current_index";`);
    this.addSql(`drop index "comment_classification_current_unique";`);
    this.addSql(`alter table "comment_classification" drop column "current";`);
  }

}
