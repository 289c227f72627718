import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, isHttpsRequest } from '@/lib/security/headers';

describe('security headers', () => {
  it('a nonce is fresh each time and valid base64 of 128 bits', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(atob(n)).toHaveLength(16);
  });

  it('the production policy allows only nonce scripts, never eval or inline, and no framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc' });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(eval|inline)'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: 'abc', https: true })).toContain('upgrade-insecure-requests');
    // The development server's hot reload needs eval and a websocket.
    expect(contentSecurityPolicy({ nonce: 'abc', dev: true })).toMatch(/script-src[^;]*'unsafe-eval'/);
  });

  it('HTTPS: the request itself, the proxy saying so, or an https public address', () => {
    expect(isHttpsRequest({ protocol: 'https:', forwardedProto: null }, undefined)).toBe(true);
    expect(isHttpsRequest({ protocol: 'http:', forwardedProto: 'https' }, undefined)).toBe(true);
    expect(isHttpsRequest({ protocol: 'http:', forwardedProto: 'HTTPS, http' }, undefined)).toBe(true);
    expect(isHttpsRequest({ protocol: 'http:', forwardedProto: 'http' }, undefined)).toBe(false);
    expect(isHttpsRequest({ protocol: 'http:', forwardedProto: null }, 'https://turnos.centro.com.ar')).toBe(true);
    expect(isHttpsRequest({ protocol: 'http:', forwardedProto: null }, 'http://localhost:3000')).toBe(false);
    expect(isHttpsRequest({ protocol: 'http:', forwardedProto: null }, undefined)).toBe(false);
  });
});
