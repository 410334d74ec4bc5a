import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase, dropDatabase, openOrm, withDatabase } from '@persona-ops/domain/store';

// A database of this test file's own, cloned from the migrated template (fast: a file copy).
export async function createTestDatabase() {
  const serverUrl = inject('databaseServerUrl');
  const name = `persona_ops_test_${randomBytes(6).toString('hex')}`;
  await createDatabase(serverUrl, name, inject('templateDatabase'));
  const url = withDatabase(serverUrl, name);
  const orm = await openOrm(url);
  return {
    url,
    orm,
    async drop() {
      await orm.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
