import { Cursor, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiError } from '../http/api-error.ts';

export type PageRequest = { limit: number; cursor?: string | undefined; sort: string; order: 'asc' | 'desc' };

// Keyset pagination on (sort field, id): stable under inserts, unlike offsets.
export async function paginate<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, page: PageRequest, populate: string[] = []) {
  if (page.cursor) {
    try {
      const decoded = Cursor.decode(page.cursor);
      if (!Array.isArray(decoded) || decoded.length !== 2) throw new Error('shape');
    } catch {
      throw new ApiError(400, 'invalid_input', 'The cursor is not one this API issued. Use the nextCursor of the previous page, or omit it to start over.', [
        { field: 'querystring.cursor', message: 'is not a valid cursor' },
      ]);
    }
  }
  const orderBy = { [page.sort]: page.order, id: page.order };
  const result = await em.findByCursor(entity, {
    where: where as FilterQuery<NoInfer<T>>,
    first: page.limit,
    ...(page.cursor ? { after: page.cursor } : {}),
    orderBy,
    includeCount: false,
    populate: populate as never,
  });
  return { items: result.items as T[], nextCursor: result.hasNextPage ? result.endCursor : null };
}
