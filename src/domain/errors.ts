// Domain errors carry a stable code and an HTTP status; the API (and the worker, when it records
// an intent's outcome) translates them in one place. Messages are for people: say what to change.

export class AppError extends Error {
  override name = 'AppError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, code = 'bad_request') => new AppError(400, code, message)
export const unauthorized = (message = 'Log in to do this.') => new AppError(401, 'unauthorized', message)
export const forbidden = (message = 'You are not allowed to do this.') =>
  new AppError(403, 'forbidden', message)
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`)
export const conflict = (code: string, message: string) => new AppError(409, code, message)
export const invalid = (message: string, code = 'invalid_input') => new AppError(422, code, message)
