// The admin panel's catalogue screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const catalogueRoutes: RouteRecordRaw[] = [
  { path: 'catalogue', name: 'admin-catalogue', component: () => import('./CataloguePage.vue') },
]
