// Who is using the Mini App: the raw initData is exchanged for a session (POST /api/auth/telegram),
// the token is kept for this launch only (Telegram hands fresh initData to every launch), and the
// roles come from GET /api/me, never from the payload. `role` is the part of the app shown.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, type Role, type User } from '../api.ts'

const ROLE_ORDER: Role[] = ['client', 'specialist', 'admin']

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(null)
  const me = ref<User | null>(null)
  const role = ref<Role>('client')
  // Everyone can book as a client; the other roles are the database's.
  const roles = computed<Role[]>(() =>
    ROLE_ORDER.filter((r) => r === 'client' || (me.value?.roles ?? []).includes(r)),
  )

  async function logIn(initData: string) {
    const answer = await api.POST('/api/auth/telegram', { body: { init_data: initData } })
    token.value = answer.token
    me.value = await api.GET('/api/me')
    const stored = me.value.roles
    // Staff open on their work: an admin's journal, a specialist's day.
    role.value = stored.includes('admin') ? 'admin' : stored.includes('specialist') ? 'specialist' : 'client'
    return me.value
  }

  return { token, me, role, roles, logIn }
})
