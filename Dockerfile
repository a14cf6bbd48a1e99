# The Headgate gateway (`headgate serve`). Sources run through tsx, as in development, so the
# image is the repository with its dependencies installed.
FROM node:20-bookworm-slim AS build
# better-sqlite3 (the embedded store) compiles when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@10.34.8
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8080 HOST=0.0.0.0 HEADGATE_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data \
  && ln -s /app/apps/gateway/bin/headgate.mjs /usr/local/bin/headgate
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# `headgate` is on PATH too: docker compose exec gateway headgate admin keys create ...
ENTRYPOINT ["headgate"]
CMD ["serve"]
