using Proxus.Server.Hosting;
using Proxus.Server.Mqtt;

var builder = WebApplication.CreateBuilder(args);
builder.AddProxusTrust();
builder.AddProxusBroker();

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("alive"));
app.MapProxusTrustApi();
app.MapMqttWebSocket();
app.Run();
