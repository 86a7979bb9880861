using Proxus.Server.Monitoring;

namespace Proxus.Server.Api;

/// <summary>The REST API under <c>/api/v1</c> and its OpenAPI document at <c>/openapi/v1.json</c>.</summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>The OpenAPI document generator (Microsoft.AspNetCore.OpenApi), built from the endpoints' metadata.</summary>
    public static IHostApplicationBuilder AddProxusApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1");
        return builder;
    }

    public static IEndpointRouteBuilder MapProxusApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).AddEndpointFilter<ApiErrorFilter>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapAuthApi();
        api.MapOAuthApi();
        api.MapUsersApi();
        api.MapMachineClientsApi();
        api.MapSitesApi();
        api.MapTagMapsApi();
        api.MapAgentsApi();
        api.MapAuditApi();
        api.MapAlertsApi();
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return endpoints;
    }
}
