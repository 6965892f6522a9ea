// The admin panel's imports screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const importsRoutes: RouteRecordRaw[] = [
  { path: 'imports', name: 'admin-imports', component: () => import('./ImportsPage.vue') },
]
