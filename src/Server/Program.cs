using Proxus.Server.Mqtt;

var builder = WebApplication.CreateBuilder(args);
builder.AddProxusBroker();

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("alive"));
app.MapMqttWebSocket();
app.Run();
