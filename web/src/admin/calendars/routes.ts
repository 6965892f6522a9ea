// The admin panel's calendars screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const calendarsRoutes: RouteRecordRaw[] = [
  { path: 'calendars', name: 'admin-calendars', component: () => import('./CalendarsPage.vue') },
]
