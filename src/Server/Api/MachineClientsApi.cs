using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// OAuth2 machine clients (Admin): create (secret shown once), list, rotate the secret, issue a
/// client certificate for read-only MQTT over mutual TLS, revoke (with its certificates).
/// </summary>
public static class MachineClientsApi
{
    public static RouteGroupBuilder MapMachineClientsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients").WithTags("Machine clients").RequireAuthorization(IamPolicies.Admin);
        group.MapGet("", ListAsync).WithName("ListClients");
        group.MapPost("", CreateAsync).WithName("CreateClient");
        group.MapPost("/{id:guid}/secret", RotateAsync).WithName("RotateClientSecret");
        group.MapPost("/{id:guid}/certificate", IssueCertificateAsync).WithName("IssueClientCertificate");
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeClient");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<MachineClientSummary>>> ListAsync(MachineClientService clients, CancellationToken cancellationToken)
        => TypedResults.Ok(await clients.ListAsync(cancellationToken));

    private static async Task<Created<IssuedClientSecret>> CreateAsync(CreateClientRequest request, MachineClientService clients, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var issued = await clients.CreateAsync(request.Name ?? string.Empty, request.Scope, ApiPrincipal.Actor(user), cancellationToken);
        return TypedResults.Created($"/api/v1/clients/{issued.Client.ClientId:D}", issued);
    }

    private static async Task<Results<Ok<IssuedClientSecret>, NotFound>> RotateAsync(Guid id, MachineClientService clients, ClaimsPrincipal user, CancellationToken cancellationToken)
        => await clients.RotateSecretAsync(id, ApiPrincipal.Actor(user), cancellationToken) is { } issued ? TypedResults.Ok(issued) : TypedResults.NotFound();

    private static async Task<Results<Ok<IssuedClientCertificate>, NotFound>> IssueCertificateAsync(Guid id, IssueClientCertificateRequest? request, MachineClientCertificateService certificates, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        // The response may carry a private key: never cached anywhere.
        http.Response.Headers.CacheControl = "no-store";
        var issued = await certificates.IssueAsync(id, request?.Csr, ApiPrincipal.Actor(user), cancellationToken);
        return issued is null ? TypedResults.NotFound() : TypedResults.Ok(issued);
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, MachineClientService clients, ClaimsPrincipal user, CancellationToken cancellationToken)
        => await clients.RevokeAsync(id, ApiPrincipal.Actor(user), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
