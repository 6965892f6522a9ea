// The admin panel's jobs screens (children of /admin; web/src/admin/routes.ts). Other screens open
// a bulk job they started with { name: 'admin-job', params: { id } }.
import type { RouteRecordRaw } from 'vue-router'

export const jobsRoutes: RouteRecordRaw[] = [
  { path: 'jobs', name: 'admin-jobs', component: () => import('./JobsPage.vue') },
  { path: 'jobs/:id', name: 'admin-job', component: () => import('./JobPage.vue'), props: true },
]
