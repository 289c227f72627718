import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/security/headers';

const nextConfig: NextConfig = {
  // PGlite ships 15 MB of WASM: load it from node_modules instead of bundling it (STACK.md trap 4).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // A self-contained server in .next/standalone (Dockerfile, docs/operations.md); scripts/standalone.ts
  // copies public/ and .next/static beside it.
  output: 'standalone',
  // Read at run time from paths the tracer cannot follow: the migrations (db/migrate.ts, relative to the
  // working folder) and PGlite's WASM, initdb and extension archives (loaded through URLs).
  outputFileTracingIncludes: {
    '/*': [
      './db/migrations/**/*',
      './node_modules/@electric-sql/pglite/dist/*.{wasm,data}',
      './node_modules/@electric-sql/pglite/dist/btree_gist.tar.gz',
    ],
  },
  // On every response, API and files included; the CSP and HSTS come from middleware.ts.
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
