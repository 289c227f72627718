'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
/** Reload a little after the server's limit, so the server has surely expired the session. */
const GRACE_MS = 5_000;
const CHECK_EVERY_MS = 5_000;

/**
 * Shows the idle lock without waiting for a click: once the idle minutes pass with no activity
 * in this tab, it reloads the page. The server decides (middleware + jwt callback): the reload
 * lands on the sign-in page with the manual's message, or, if another tab kept the session
 * alive, simply re-renders the page.
 */
export function IdleLock({ minutes }: { minutes: number }) {
  const pathname = usePathname();

  useEffect(() => {
    const limit = minutes * 60_000 + GRACE_MS;
    let lastActivity = Date.now();
    let reloading = false;
    const markActive = () => {
      lastActivity = Date.now();
    };
    const check = () => {
      if (!reloading && Date.now() - lastActivity > limit) {
        reloading = true;
        window.location.reload();
      }
    };
    // Every request this page makes (link prefetches, navigations, actions) renews the session on
    // the server, so it restarts the count here too: the reload must not come before the server's limit.
    const requests =
      typeof PerformanceObserver === 'undefined'
        ? null
        : new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              if (!entry.name.startsWith(window.location.origin) || entry.name.includes('/_next/static/')) continue;
              const end = performance.timeOrigin + (entry as PerformanceResourceTiming).responseEnd;
              lastActivity = Math.max(lastActivity, end);
            }
          });
    requests?.observe({ type: 'resource' });
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, markActive, { passive: true });
    // Timers sleep with a laptop's lid closed: re-check as soon as the tab is seen again.
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, markActive);
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
      requests?.disconnect();
    };
  }, [minutes, pathname]);

  return null;
}
