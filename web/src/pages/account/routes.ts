// The client's account under /account: every screen needs a session; without one the visitor is sent
// to log in and comes back to where they were going. Each screen is its own lazy chunk.
import type { NavigationGuard, RouteRecordRaw } from 'vue-router'
import { useSessionStore } from '../../stores/session.ts'

const needsSession: NavigationGuard = (to) => {
  if (useSessionStore().loggedIn) return true
  return { path: '/login', query: { redirect: to.fullPath } }
}

export const accountRoutes: RouteRecordRaw[] = [
  {
    path: '/account',
    component: () => import('./AccountLayout.vue'),
    beforeEnter: needsSession,
    children: [
      { path: '', redirect: { name: 'account-bookings' } },
      { path: 'bookings', name: 'account-bookings', component: () => import('./BookingsPage.vue') },
      {
        path: 'bookings/:id(\\d+)',
        name: 'account-booking',
        component: () => import('./BookingDetailPage.vue'),
      },
      { path: 'wallet', name: 'account-wallet', component: () => import('./WalletPage.vue') },
      { path: 'packages', name: 'account-packages', component: () => import('./PackagesPage.vue') },
      { path: 'profile', name: 'account-profile', component: () => import('./ProfilePage.vue') },
    ],
  },
]
