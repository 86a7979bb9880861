# syntax=docker/dockerfile:1
# Modbus TCP and S7 PLC simulators (demo and tests). Build from the repository root:
#   docker build -f docker/simulators.Dockerfile -t proxus-simulators .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet restore src/Simulators/Simulators.csproj
RUN dotnet publish src/Simulators/Simulators.csproj -c Release --no-restore -o out/simulators

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /opt/proxus-simulators
COPY --from=build /src/out/simulators ./
# The demo plant's simulator settings (Modbus memory images and signals, the S7 data block).
COPY src/Demo/Plant/ /opt/proxus-simulators/plant/
USER app
ENV DOTNET_EnableDiagnostics=0
# The simulators keep everything in memory; the root file system can be read-only.
ENTRYPOINT ["dotnet", "/opt/proxus-simulators/Proxus.Simulators.dll"]
CMD ["modbus", "--host", "0.0.0.0", "--port", "5020"]
