/** When a transient failure is retried, and when the worker gives up. Pure, unit-tested. */

export interface RetryPolicy {
  /** Sends tried before the message ends in 'error'. */
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** 0.2 = each delay is spread ±20%, so a provider outage does not end in a thundering herd. */
  jitter: number;
}

/** 30 s, 1, 2, 4, 8, 16, 32 min, then hourly: about three hours before giving up. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
  jitter: 0.2,
};

/** Seconds to wait after failed attempt number `attempt` (1-based); at least what the provider asked. */
export function retryDelaySeconds(
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.max(0, attempt - 1));
  const spread = exponential * (1 + policy.jitter * (2 * random() - 1));
  return Math.max(1, Math.round(spread), Math.ceil(retryAfterSeconds ?? 0));
}

/** Retries a write that must not be lost (recording a result the provider already accepted). */
export async function withRetries<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * i));
    }
  }
}
