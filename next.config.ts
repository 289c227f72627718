import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/security/headers';

const nextConfig: NextConfig = {
  // PGlite ships 15 MB of WASM: load it from node_modules instead of bundling it (STACK.md trap 4).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // On every response, API and files included; the CSP and HSTS come from middleware.ts.
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
