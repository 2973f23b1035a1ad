# The afterhours production image: compiled dist/, production dependencies only, run as the
# unprivileged `node` user. `docker compose up` builds it (see docker-compose.yml).

# Build: every dependency, then the TypeScript compiler over src/ into dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Run: production dependencies and dist/ only; no compiler, no tests, no sources.
# Install scripts stay off (the one that asks, msgpackr-extract, ships prebuilt binaries).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# What the product keeps on disk (SPOOL_DIR defaults to ./data/spool) lives under /app/data:
# compose mounts a volume there, and a new volume takes this directory's owner.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/cli.js", "start"]
