// The admin panel's journal screens (children of /admin; web/src/admin/routes.ts).
import type { RouteRecordRaw } from 'vue-router'

export const journalRoutes: RouteRecordRaw[] = [
  { path: 'journal', name: 'admin-journal', component: () => import('./JournalPage.vue') },
]
