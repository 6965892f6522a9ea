// The admin panel's overrides screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const overridesRoutes: RouteRecordRaw[] = [
  { path: 'overrides', name: 'admin-overrides', component: () => import('./OverridesPage.vue') },
]
