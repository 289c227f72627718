import { describe, expect, it } from 'vitest';
import { headersWithRequestId, REQUEST_ID_HEADER, requestIdFrom } from '@/lib/server/request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const from = (value?: string) => requestIdFrom(new Headers(value === undefined ? {} : { [REQUEST_ID_HEADER]: value }));

describe('request id', () => {
  it('keeps the id a load balancer or proxy sent', () => {
    expect(from('Root=1-67891233-abcdef012345678912345678')).toBe('Root=1-67891233-abcdef012345678912345678');
    expect(from('lb-0123456789')).toBe('lb-0123456789');
  });

  it('makes a new one when there is none, or when what came could forge log lines or headers', () => {
    expect(from()).toMatch(UUID);
    for (const bad of ['short', 'x'.repeat(129), 'abc12345,{"level":"error"}', 'abc12345 "quoted"', 'abc12345<script>']) {
      expect(from(bad), bad).toMatch(UUID);
    }
    expect(from()).not.toBe(from());
  });

  it('sets the id on a copy of the request headers, leaving the rest as they were', () => {
    const original = new Headers({ cookie: 'a=1', [REQUEST_ID_HEADER]: 'old-id-12345' });
    const forwarded = headersWithRequestId(original, 'new-id-12345');
    expect(forwarded.get(REQUEST_ID_HEADER)).toBe('new-id-12345');
    expect(forwarded.get('cookie')).toBe('a=1');
    expect(original.get(REQUEST_ID_HEADER)).toBe('old-id-12345');
  });
});
