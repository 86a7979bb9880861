using Proxus.Server.Fleet.Status;
using Proxus.Server.Hosting;
using Proxus.Server.Mqtt;
using Proxus.Server.Observability;
using Proxus.Server.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddProxusTrust();
builder.AddProxusBroker();
builder.AddProxusTelemetry();
builder.AddProxusAgentStatus();
builder.AddProxusObservability();

var app = builder.Build();
app.MapProxusObservability();
app.MapProxusTrustApi();
app.MapMqttWebSocket();
app.MapProxusTelemetryApi();
app.Run();
