using Proxus.Server.Fleet.Status;
using Proxus.Server.Hosting;
using Proxus.Server.Mqtt;
using Proxus.Server.Portal;
using Proxus.Server.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddProxusTrust();
builder.AddProxusBroker();
builder.AddProxusTelemetry();
builder.AddProxusAgentStatus();
builder.AddProxusPortal();

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("alive")).AllowAnonymous();
app.MapProxusTrustApi();
app.MapMqttWebSocket();
app.MapProxusTelemetryApi();
app.MapProxusPortal();
app.Run();
