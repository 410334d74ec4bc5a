import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from './base.properties.ts';
import { connectorPlatformNames } from './platform-connection.entity.ts';

// Requests the deployment's app spent on a platform in a UTC day, across every workspace's
// connections: a platform's quota is the app's (YouTube's 10,000 units a day per project), so the
// daily budget is the operator's, not a workspace's, and the rows carry no workspace.
export const ConnectorRequestCount = defineEntity({
  name: 'ConnectorRequestCount',
  tableName: 'connector_request_count',
  uniques: [{ properties: ['platform', 'day'] }],
  properties: {
    ...baseProperties,
    platform: p.enum(connectorPlatformNames),
    day: p.date(),
    requests: p.integer().default(0),
  },
});
export type IConnectorRequestCount = InferEntity<typeof ConnectorRequestCount>;
