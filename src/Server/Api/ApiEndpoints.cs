using Microsoft.AspNetCore.Http.HttpResults;
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

        // Any address under /api that no endpoint maps: a problem-details 404 for every caller,
        // instead of the fallback authorization policy's empty 401/403 (or the portal's page).
        endpoints.MapFallback("/api/{**path}", UnknownEndpoint).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static ProblemHttpResult UnknownEndpoint() => TypedResults.Problem(
        "No API endpoint has this address; see /openapi/v1.json.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        type: "urn:proxus:problem:not-found");
}
