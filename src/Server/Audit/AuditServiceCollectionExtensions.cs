namespace Proxus.Server.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log writer, verifier, reader and the signed head store.</summary>
    public static IHostApplicationBuilder AddProxusAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditHeadStore>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<AuditVerifier>();
        builder.Services.AddSingleton<AuditReader>();
        return builder;
    }
}
