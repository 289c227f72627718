import { IdleLock } from '@/components/auth/idle-lock';
import { getSessionUser } from '@/lib/auth/session';

/** Drop into any layout: renders the idle lock only while someone is signed in. */
export async function SessionIdleLock() {
  const user = await getSessionUser();
  return user ? <IdleLock minutes={user.idleMinutes} /> : null;
}
