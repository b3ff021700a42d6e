# Steward container image: one image for both the API and the Temporal worker.
#
#   API (default):  tsx api/main.ts      (listens on $PORT, default 3000)
#   Worker:         tsx worker/main.ts   (override the command)
#
# TypeScript runs directly through tsx (a runtime dependency), so there is no
# server-side compile step; only the UI is built (vite -> ui/dist).

ARG NODE_IMAGE=node:20-bookworm-slim
# package.json's "allowScripts" (which dependencies may run install scripts)
# is read by npm >= 11.16; the npm bundled with Node 20 ignores it and would
# run every install script, so both install stages use this npm version.
ARG NPM_VERSION=11.19.1

# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION
RUN npm install --global "npm@${NPM_VERSION}" \
 && npm cache clean --force
WORKDIR /app

# ---------------------------------------------------------------------------
# Build stage: full dependency tree (vite etc.) and the production UI bundle.
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force
COPY . .
RUN npm run build:ui

# ---------------------------------------------------------------------------
# Runtime dependencies only (tsx, Temporal SDK, express, drizzle-orm, ...).
# devDependencies (vite, vitest, eslint, drizzle-kit, ...) are not needed by
# api/main.ts or worker/main.ts and stay out of the image.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# ---------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    PATH=/app/node_modules/.bin:$PATH

# Acceptance reports and vote evidence print Chinese names: PDFs embed a CJK face found with fontconfig.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fontconfig fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

COPY --from=prod-deps /app/node_modules ./node_modules
COPY . .
COPY --from=build /app/ui/dist ./ui/dist

# Files stay root-owned and read-only for the service user; tsx keeps its
# transpile cache in the OS temp directory.
USER node

EXPOSE 3000
CMD ["tsx", "api/main.ts"]

# ---------------------------------------------------------------------------
# The backup worker (docker-compose service steward-backup): Debian 12's pgBackRest 2.45, restic, rclone,
# sqlite3 and PostgreSQL 15's server for the restore drill's scratch copy (docs/backups.md).
FROM runtime AS backup
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends pgbackrest restic rclone sqlite3 postgresql-15 \
 && rm -rf /var/lib/apt/lists/*
USER node
