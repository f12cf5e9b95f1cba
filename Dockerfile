# syntax=docker/dockerfile:1
# The GitHub App as a container: probot's server (dist/app.js) on Node.js 24, distroless,
# non-root. Configure it with the App's variables (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
# APIGW_SYNC_SIGNING_KEY) and AWS's (a task or pod role; AWS_REGION). See docs/packaging.md.
#
#   docker build -t apigw-sync-app .
#   docker run -p 3000:3000 -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET -e APIGW_SYNC_SIGNING_KEY apigw-sync-app

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/ scripts/
COPY src/ src/
# The bundles carry their dependencies: the runtime image needs no node_modules.
RUN node scripts/build.mjs js

FROM gcr.io/distroless/nodejs24-debian12:nonroot
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/dist/ ./dist/
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
EXPOSE 3000
USER nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/nodejs/bin/node", "dist/healthcheck.js"]
CMD ["dist/app.js"]
