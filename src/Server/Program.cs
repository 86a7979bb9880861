using Proxus.Server.Fleet.Status;
using Proxus.Server.Hosting;
using Proxus.Server.Mqtt;
using Proxus.Server.Observability;
using Proxus.Server.Portal;
using Proxus.Server.Telemetry;
using Proxus.Server.Writes;

var builder = WebApplication.CreateBuilder(args);
builder.AddProxusTrust();
builder.AddProxusBroker();
builder.AddProxusTelemetry();
builder.AddProxusAgentStatus();
builder.AddProxusWrites();
builder.AddProxusObservability();
builder.AddProxusPortal();

var app = builder.Build();
app.MapProxusObservability();
app.MapProxusTrustApi();
app.MapMqttWebSocket();
app.MapProxusTelemetryApi();
app.MapProxusWritesApi();
app.MapProxusPortal();
app.Run();
