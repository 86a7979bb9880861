using Proxus.Server.Hosting;
using Proxus.Server.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddProxusTrust();
builder.AddProxusTelemetry();
var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("alive"));
app.MapProxusTrustApi();
app.MapProxusTelemetryApi();
app.Run();
