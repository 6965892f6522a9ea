// The roles a user can hold (several at once). Roles come from the database, never from a request.

export type Role = 'client' | 'specialist' | 'admin'

export const ROLES: readonly Role[] = ['client', 'specialist', 'admin']
