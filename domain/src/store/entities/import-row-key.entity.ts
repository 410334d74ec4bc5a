import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ImportJob } from './import-job.entity.ts';

// The first line of each row key of an import being read (a post and capture time, a link or code
// and day), so a later row repeating it is rejected naming that line. Written in each chunk's
// transaction with the checkpoint; deleted when the import ends.
export const ImportRowKey = defineEntity({
  name: 'ImportRowKey',
  tableName: 'import_row_key',
  properties: {
    importJob: () => p.manyToOne(ImportJob).primary().deleteRule('cascade'),
    // md5 of the key as a uuid: 16 bytes whatever the key's length (a post URL may be long).
    keyHash: p.uuid().primary(),
    line: p.integer(),
  },
});
export type IImportRowKey = InferEntity<typeof ImportRowKey>;
