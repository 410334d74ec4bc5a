import type { Role } from '@persona-ops/domain/store';

/** Who calls: the workspace, user, role and key behind a request's API key (the auth plugin sets it). */
export type Principal = { workspaceId: string; userId: string; role: Role; keyId: string };
