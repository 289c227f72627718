import 'server-only';
import { headers } from 'next/headers';
import { log, type Logger } from './log';
import { REQUEST_ID_HEADER } from './request-id';

/** The logger for the request being served (server components, actions), tagged with its request id. */
export async function requestLog(): Promise<Logger> {
  try {
    const requestId = (await headers()).get(REQUEST_ID_HEADER);
    return requestId ? log.child({ requestId }) : log;
  } catch {
    // Outside a request (boot, the worker): no id to add.
    return log;
  }
}
