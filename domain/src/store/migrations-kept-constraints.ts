// Constraints the migrations create that the entities cannot declare: composite foreign keys to a
// unique pair that is not the referenced table's primary key (a row's parent and workspace checked
// by one key; migration 20261204190000). The schema diff does not know them and would drop them,
// so migration-create.ts leaves out any statement that names one.
export const constraintsKeptByMigrations = [
  'comment_post_id_workspace_id_foreign',
  'classification_task_comment_id_workspace_id_foreign',
  'comment_classification_comment_id_workspace_id_foreign',
] as const;

// The generated migration's source without the statements that name a kept constraint, and whether
// any statement is left in its `up`.
export function withoutKeptConstraints(source: string): { source: string; changes: boolean } {
  const lines = source.split('\n').filter((line) => !(line.includes('this.addSql(') && constraintsKeptByMigrations.some((name) => line.includes(`"${name}"`))));
  const kept = lines.join('\n');
  const up = /override (?:async )?up\(\)[^{]*\{([\s\S]*?)\n {2}\}/.exec(kept)?.[1] ?? '';
  return { source: kept, changes: up.includes('this.addSql(') };
}
