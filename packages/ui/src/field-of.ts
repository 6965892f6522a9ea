// Which field of a form an API refusal concerns, for the site's admin panel and the Mini App alike.

/**
 * The API's sentences begin with or quote the field's name ("price must be ≥ 0", `"name" is
 * missing`), so the earliest of `keys` named in `message` is the one; none named: undefined.
 */
export function fieldOf(message: string, keys: string[]): string | undefined {
  let best: { key: string; at: number } | undefined
  for (const key of keys) {
    const at = message.search(new RegExp(`(^|[^\\w.])${key.replace(/[.[\]]/g, '\\$&')}(?![\\w])`))
    if (at >= 0 && (!best || at < best.at)) best = { key, at }
  }
  return best?.key
}
