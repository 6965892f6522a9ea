// The VAPID key pair `npm start` uses when none is configured: generated once with web-push and
// kept in data/vapid.json (git-ignored, readable by its owner only), so browsers that subscribed
// stay subscribed across restarts. Production sets VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY instead.
import fs from 'node:fs/promises'
import path from 'node:path'
import webpush from 'web-push'

export interface VapidKeys {
  publicKey: string
  privateKey: string
}

const isKeys = (v: unknown): v is VapidKeys =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as VapidKeys).publicKey === 'string' &&
  typeof (v as VapidKeys).privateKey === 'string'

/** The keys kept in `file`, generated and written there first if it holds none. */
export async function ensureVapidKeys(file: string): Promise<{ keys: VapidKeys; generated: boolean }> {
  const kept = await fs
    .readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => undefined)
  if (isKeys(kept))
    return { keys: { publicKey: kept.publicKey, privateKey: kept.privateKey }, generated: false }
  const keys = webpush.generateVAPIDKeys()
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
  return { keys, generated: true }
}
