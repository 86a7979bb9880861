# syntax=docker/dockerfile:1
# Proxus edge agent. It listens on no port: nothing is exposed. Build from the repository root:
#   docker build -f docker/agent.Dockerfile -t proxus-agent .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet restore src/Agent/Agent.csproj
RUN dotnet publish src/Agent/Agent.csproj -c Release --no-restore -o out/agent

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
RUN mkdir -p /var/lib/proxus-agent \
 && chown app:app /var/lib/proxus-agent \
 && chmod 0700 /var/lib/proxus-agent
WORKDIR /opt/proxus-agent
COPY --from=build /src/out/agent ./
# Non-root; the identity, the signed configuration and the store-and-forward queue live in the volume.
USER app
ENV PROXUS_AGENT_DATA_DIR=/var/lib/proxus-agent \
    DOTNET_EnableDiagnostics=0
VOLUME ["/var/lib/proxus-agent"]
# The agent has no socket to ask; `status` reads what the running agent last wrote.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["dotnet", "/opt/proxus-agent/proxus-agent.dll", "status"]
ENTRYPOINT ["dotnet", "/opt/proxus-agent/proxus-agent.dll"]
CMD ["run"]
