// Every route module of the API, registered in one place.
import type { FastifyInstance } from 'fastify'
import healthRoutes from './health.ts'
import authRoutes from './auth.ts'

export async function routes(app: FastifyInstance) {
  await app.register(healthRoutes)
  await app.register(authRoutes)
}
