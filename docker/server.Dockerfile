# syntax=docker/dockerfile:1
# Proxus server: portal, REST API, internal CA, MQTT broker (the UNS). Build from the repository root:
#   docker build -f docker/server.Dockerfile -t proxus-server .

# The portal's chart library (uPlot) comes from npm; the .NET build copies it from node_modules.
FROM node:20-bookworm-slim AS portal-assets
WORKDIR /src/src/Web
COPY src/Web/package.json src/Web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY --from=portal-assets /src/src/Web/node_modules src/Web/node_modules
RUN dotnet restore src/Server/Server.csproj
RUN dotnet publish src/Server/Server.csproj -c Release --no-restore -o out/server

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for the health check below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/proxus \
 && chown app:app /var/lib/proxus \
 && chmod 0700 /var/lib/proxus
WORKDIR /opt/proxus
COPY --from=build /src/out/server ./
# The non-root user of the .NET images (uid 1654). Everything the server writes is under
# /var/lib/proxus (database for SQLite, key-encryption key, Data Protection keys, audit head, MQTT
# retained messages), so the root file system can be mounted read-only.
USER app
# DOTNET_GCgen0size: a 64 MB young generation, so that the messages ingest keeps in flight die young
# instead of being promoted by every collection (see bench/ingest/README.md).
# ASPNETCORE_HTTP_PORTS: the base image sets 8080; emptied, so that ASPNETCORE_URLS alone says where to listen.
ENV ASPNETCORE_URLS=https://+:8443 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_EnableDiagnostics=0 \
    Server__DataDirectory=/var/lib/proxus \
    Mqtt__DataDirectory=/var/lib/proxus/mqtt \
    Mqtt__TlsPort=8883 \
    Mqtt__Port=1883 \
    DOTNET_GCgen0size=0x4000000
VOLUME ["/var/lib/proxus"]
EXPOSE 8443 8883
# The server's certificate is issued by its own CA, which exists only inside the server: the probe
# stays on the loopback interface and sends nothing secret, so it skips verification.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["curl", "--fail", "--silent", "--insecure", "--output", "/dev/null", "https://127.0.0.1:8443/healthz"]
ENTRYPOINT ["dotnet", "Proxus.Server.dll"]
