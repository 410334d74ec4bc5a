import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { assetStates, transitionActions } from '../../core/vocabulary.ts';
import { baseProperties } from './base.properties.ts';
import { Asset } from './asset.entity.ts';
import { User } from './user.entity.ts';
import { Workspace } from './workspace.entity.ts';

// Append-only history: every state change with its time, and for review decisions the reason and reviewer.
export const AssetTransition = defineEntity({
  name: 'AssetTransition',
  tableName: 'asset_transition',
  indexes: [{ properties: ['asset', 'at'] }],
  properties: {
    ...baseProperties,
    workspace: () => p.manyToOne(Workspace).index(),
    asset: () => p.manyToOne(Asset),
    action: p.enum(transitionActions),
    fromState: p.enum(assetStates).nullable(),
    toState: p.enum(assetStates),
    reason: p.text().nullable(),
    actor: () => p.manyToOne(User).nullable(),
    at: p.datetime(),
  },
});
export type IAssetTransition = InferEntity<typeof AssetTransition>;
