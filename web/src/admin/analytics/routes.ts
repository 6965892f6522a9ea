// The admin panel's analytics screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const analyticsRoutes: RouteRecordRaw[] = [
  { path: 'analytics', name: 'admin-analytics', component: () => import('./AnalyticsPage.vue') },
]
