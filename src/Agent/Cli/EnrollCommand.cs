using System.CommandLine;
using System.CommandLine.Parsing;
using Proxus.Agent.Identity;

namespace Proxus.Agent.Cli;

/// <summary><c>enroll --server URL --token TOKEN [--ca-fingerprint SHA256] [--broker URL] [--data-dir DIR] [--force]</c>.</summary>
internal static class EnrollCommand
{
    public static Command Create(Func<string, string?> getEnvironmentVariable)
    {
        var dataDirectory = new DataDirectoryOption(getEnvironmentVariable);
        var server = new Option<Uri>("--server") { Description = "The server's HTTPS URL, e.g. https://proxus.example.com:8443", Required = true, CustomParser = AbsoluteUrl };
        var token = new Option<string>("--token") { Description = "The one-time enrollment token from the portal", Required = true };
        var fingerprint = new Option<string?>("--ca-fingerprint") { Description = "SHA-256 fingerprint of the server's root CA (from the portal); without it the CA is trusted on first use" };
        var broker = new Option<Uri?>("--broker") { Description = "The MQTT broker URL (default mqtts://<server host>:8883)", CustomParser = AbsoluteUrl };
        var force = new Option<bool>("--force") { Description = "Replace an existing enrollment (e.g. after the certificate expired)" };
        var command = new Command("enroll", "Generate the agent's key, enroll with a one-time token and store the certificate, CA chain and configuration-signing key")
        {
            server, token, fingerprint, broker, force, dataDirectory.Option,
        };
        command.SetAction((result, cancellationToken) => AgentCli.ExecuteAsync(result, async (output, error) =>
        {
            var paths = dataDirectory.Resolve(result);
            if (AgentCredentials.Exists(paths) && !result.GetValue(force))
            {
                await error.WriteLineAsync($"{paths.Root} already holds an enrollment; use --force to replace it.").ConfigureAwait(false);
                return AgentCli.UsageError;
            }

            var record = await new EnrollmentClient().EnrollAsync(paths, result.GetRequiredValue(server), result.GetRequiredValue(token), result.GetValue(fingerprint), result.GetValue(broker), cancellationToken).ConfigureAwait(false);
            using var credentials = AgentCredentials.Load(paths);
            await output.WriteLineAsync($"Enrolled as agent {record.AgentId:D} (site {record.SiteId:D}).").ConfigureAwait(false);
            await output.WriteLineAsync($"Certificate valid until {credentials.Certificate.NotAfter.ToUniversalTime():u}; identity stored in {paths.IdentityDirectory}.").ConfigureAwait(false);
            await output.WriteLineAsync($"Trusted CA: {string.Join(", ", credentials.TrustAnchors.Select(anchor => $"{anchor.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)} ({EnrollmentClient.FingerprintOf(anchor)})"))}").ConfigureAwait(false);
            await output.WriteLineAsync($"Broker: {record.Broker}").ConfigureAwait(false);
            return AgentCli.Success;
        }));
        return command;
    }

    /// <summary>System.CommandLine has no converter for <see cref="Uri"/>: an absolute URL is parsed here, anything else is a usage error.</summary>
    private static Uri? AbsoluteUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            return url;
        }

        result.AddError($"'{text}' is not an absolute URL.");
        return null;
    }
}
