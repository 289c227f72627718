# syntax=docker/dockerfile:1
# Turnos in a container: docs/operations.md. Three stages:
#   deps     npm ci from the lockfile (cached while package*.json do not change)
#   build    next build with output 'standalone' (+ scripts/standalone.ts: public/ and .next/static)
#   runtime  only .next/standalone: node server.js, as the unprivileged `node` user
# A `tools` target (the build stage: sources, tsx, every npm script) runs `npm run worker` and the
# db:* scripts: docker build --target tools.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# `npm run build` = next build, then scripts/standalone.ts (postbuild).
RUN npm run build

FROM build AS tools
ENV NODE_ENV=production \
    DATA_DIR=/data
USER node

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# HOSTNAME: Docker sets it to the container id, and server.js binds to it.
# DATA_DIR: the embedded database (PGlite) and its generated AUTH_SECRET, when DATABASE_URL is not set.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    AUTH_TRUST_HOST=true \
    LOG_FORMAT=json \
    DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness. Load balancers should use /api/ready (database answers, outbox worker beats).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
