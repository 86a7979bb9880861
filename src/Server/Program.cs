using Proxus.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddProxusTrust();
var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("alive")).AllowAnonymous();
app.MapProxusTrustApi();
app.Run();
