using System.Net;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Pki;

internal sealed class PkiOptionsValidator : IValidateOptions<PkiOptions>
{
    public const int MinimumKeyEncryptionKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, PkiOptions options)
    {
        var failures = new List<string>();
        if (options.AgentCertificateLifetime < TimeSpan.FromHours(1) || options.AgentCertificateLifetime > TimeSpan.FromDays(397))
        {
            failures.Add("Pki:AgentCertificateLifetime must be between 1 hour and 397 days.");
        }

        if (options.ServerCertificateLifetime < TimeSpan.FromDays(1) || options.ServerCertificateLifetime > TimeSpan.FromDays(397))
        {
            failures.Add("Pki:ServerCertificateLifetime must be between 1 and 397 days.");
        }

        if (options.IssuingCaLifetime <= options.AgentCertificateLifetime || options.IssuingCaLifetime <= options.ServerCertificateLifetime)
        {
            failures.Add("Pki:IssuingCaLifetime must be longer than the certificates it issues.");
        }

        if (options.RootCaLifetime <= options.IssuingCaLifetime)
        {
            failures.Add("Pki:RootCaLifetime must be longer than Pki:IssuingCaLifetime.");
        }

        if (options.RevocationListLifetime < TimeSpan.FromMinutes(10) || options.RevocationListLifetime > TimeSpan.FromDays(30))
        {
            failures.Add("Pki:RevocationListLifetime must be between 10 minutes and 30 days.");
        }

        foreach (var host in options.ServerHostNames)
        {
            if (!IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) != UriHostNameType.Dns)
            {
                failures.Add($"Pki:ServerHostNames: '{host}' is neither a DNS name nor an IP address.");
            }
        }

        if (options.KeyEncryptionKey is not null && options.KeyEncryptionKey.Length < MinimumKeyEncryptionKeyLength)
        {
            failures.Add($"Pki:KeyEncryptionKey must be at least {MinimumKeyEncryptionKeyLength} characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
