// The admin panel's jobs screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const jobsRoutes: RouteRecordRaw[] = [
  { path: 'jobs', name: 'admin-jobs', component: () => import('./JobsPage.vue') },
]
