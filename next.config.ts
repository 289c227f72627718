import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships 15 MB of WASM: load it from node_modules instead of bundling it (STACK.md trap 4).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
};

export default nextConfig;
