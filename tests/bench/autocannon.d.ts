/** The part of autocannon 8 that http.ts uses (it ships no types; @types/autocannon is not installed). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Client extends EventEmitter {
    setRequest(request: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): void;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    setupClient?: (client: Client) => void;
  }
  interface Result {
    duration: number;
    requests: { total: number; average: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: (client: Client, statusCode: number, resBytes: number, responseTime: number) => void): this;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
