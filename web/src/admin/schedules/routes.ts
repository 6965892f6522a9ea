// The admin panel's schedules screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const schedulesRoutes: RouteRecordRaw[] = [
  { path: 'schedules', name: 'admin-schedules', component: () => import('./SchedulesPage.vue') },
]
