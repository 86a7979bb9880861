using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Proxus.Server.Enrollment;

namespace Proxus.Server.Pki;

public static class PkiServiceCollectionExtensions
{
    /// <summary>The internal CA, its options (<c>Pki</c>), the agent identity resolver with its in-memory revoked serials, and Kestrel's HTTPS defaults.</summary>
    public static IHostApplicationBuilder AddProxusPki(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PkiOptions>().Bind(builder.Configuration.GetSection(PkiOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PkiOptions>, PkiOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PrivateKeyProtector>();
        builder.Services.AddSingleton<CertificateAuthority>();
        builder.Services.AddSingleton<RevocationListPublisher>();
        builder.Services.AddSingleton<RevokedCertificateSet>();

        // The first revocation listener: later handshakes are refused before the broker drops live sessions.
        builder.Services.AddSingleton<ICertificateRevocationListener>(provider => provider.GetRequiredService<RevokedCertificateSet>());
        builder.Services.AddHostedService<RevokedCertificateRefresher>();
        builder.Services.AddSingleton<IAgentIdentityResolver, AgentCertificateValidator>();
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelHttpsDefaults>();
        builder.Services.AddHostedService<PkiMaintenanceService>();
        return builder;
    }
}
