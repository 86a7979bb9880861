using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Pki;

/// <summary>
/// Every HTTPS endpoint of the server presents the certificate our CA issued (renewals are picked
/// up per connection) and asks for, but does not require, a client certificate: the enrollment
/// endpoint is reached without one; endpoints that need one validate it against our CA only
/// (<see cref="IAgentIdentityResolver"/>), since trusting the OS store would admit any public CA.
/// </summary>
internal sealed class KestrelHttpsDefaults(CertificateAuthority authority) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options) => options.ConfigureHttpsDefaults(https =>
    {
        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        https.ServerCertificateSelector = (_, _) => authority.ServerCertificate;
        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        https.ClientCertificateValidation = static (_, _, _) => true;
    });
}
