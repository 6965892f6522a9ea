// The admin panel under /admin: one lazy chunk (AdminApp and its screens) that the client site never
// loads. AdminApp asks for an admin login itself, so the guard is in the panel, not here.
import type { RouteRecordRaw } from 'vue-router'

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    component: () => import('./AdminApp.vue'),
    children: [
      { path: '', redirect: { name: 'admin-settings' } },
      { path: 'settings', name: 'admin-settings', component: () => import('./AdminSettings.vue') },
    ],
  },
]
