using Proxus.Server.Api;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;

namespace Proxus.Server.Configuration;

/// <summary>
/// Admits a request only with a client certificate that <see cref="IAgentIdentityResolver"/> maps to
/// an agent: none presented is 401, one refused (another CA, expired, unknown serial, revoked) is
/// 403 naming the reason (a revoked certificate is also raised to security monitoring). The identity
/// is then available through <see cref="IdentityOf"/>.
/// </summary>
internal sealed class AgentCertificateFilter(IAgentIdentityResolver resolver, ISecurityEventSink monitoring) : IEndpointFilter
{
    private static readonly object IdentityKey = new();

    public static AgentIdentity IdentityOf(HttpContext context)
        => context.Items[IdentityKey] as AgentIdentity ?? throw new InvalidOperationException("The endpoint is not behind the agent certificate filter.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var certificate = await http.Connection.GetClientCertificateAsync(http.RequestAborted);
        if (certificate is null)
        {
            return TypedResults.Problem(
                "This endpoint needs the agent's client certificate at the TLS handshake.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Client certificate required",
                type: AgentConfigApi.ProblemPrefix + "client-certificate-required");
        }

        var resolved = await resolver.ResolveAsync(certificate, http.RequestAborted);
        if (!resolved.IsValid)
        {
            if (resolved.Rejection == AgentCertificateRejection.Revoked)
            {
                var details = new Dictionary<string, string?> { ["stage"] = "agent-api", ["path"] = http.Request.Path.Value };
                monitoring.Raise(new SecurityEvent(SecurityEventType.RevokedCertificatePresented, $"certificate:{certificate.SerialNumber}", http.Connection.RemoteIpAddress is { } remote ? ClientAddress.Of(remote) : null, details));
            }

            return TypedResults.Problem(
                $"The client certificate does not identify an agent: {resolved.Rejection}.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Client certificate refused",
                type: AgentConfigApi.ProblemPrefix + "client-certificate-refused");
        }

        http.Items[IdentityKey] = resolved.Identity;
        return await next(context);
    }
}
