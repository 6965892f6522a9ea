// The admin panel's clients screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const clientsRoutes: RouteRecordRaw[] = [
  { path: 'clients', name: 'admin-clients', component: () => import('./ClientsPage.vue') },
  { path: 'clients/:id(\\d+)', name: 'admin-client', component: () => import('./ClientPage.vue') },
]
