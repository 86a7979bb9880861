using Microsoft.AspNetCore.Http.HttpResults;

namespace Proxus.Server.Pki;

/// <summary>Public PKI material: the CA chain (PEM) and the CRL (DER, <c>application/pkix-crl</c>, RFC 5280 5).</summary>
public static class PkiApi
{
    public static RouteGroupBuilder MapPkiApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/pki").WithTags("PKI").AllowAnonymous();
        group.MapGet("/ca", GetChain).WithName("GetCaChain");
        group.MapGet("/crl", GetRevocationListAsync).WithName("GetCrl");
        return group;
    }

    private static ContentHttpResult GetChain(CertificateAuthority authority)
        => TypedResults.Text(authority.ChainPem, "application/x-pem-file");

    private static async Task<FileContentHttpResult> GetRevocationListAsync(RevocationListPublisher publisher, CancellationToken cancellationToken)
    {
        var list = await publisher.GetCurrentAsync(cancellationToken);
        return TypedResults.File(list.Der, "application/pkix-crl", "proxus.crl", lastModified: list.ThisUpdate);
    }
}
