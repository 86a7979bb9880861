using System.CommandLine;
using System.Globalization;
using Proxus.Agent.Configuration;
using Proxus.Agent.Identity;
using Proxus.Core.Configuration;

namespace Proxus.Agent.Cli;

/// <summary>
/// <c>verify-config FILE [--data-dir DIR]</c>: checks a configuration envelope exactly as the
/// running agent would (signature with the enrolled signing key, agent id, validity, and a version
/// above the one stored in the data directory) and prints what it holds. Exit code 0 when it
/// would be applied, 1 when it would be rejected.
/// </summary>
internal static class VerifyConfigCommand
{
    public static Command Create(Func<string, string?> getEnvironmentVariable)
    {
        var dataDirectory = new DataDirectoryOption(getEnvironmentVariable);
        var file = new Argument<FileInfo>("file") { Description = "The envelope file, e.g. as downloaded from GET /api/v1/agent/config" };
        var command = new Command("verify-config", "Verify a signed configuration envelope as the agent would, without applying it") { file, dataDirectory.Option };
        command.SetAction((result, cancellationToken) => AgentCli.ExecuteAsync(result, async (output, error) =>
        {
            var paths = dataDirectory.Resolve(result);
            var envelopeFile = result.GetRequiredValue(file);
            if (!envelopeFile.Exists || envelopeFile.Length > ConfigEnvelopeVerifier.MaxEnvelopeBytes)
            {
                await error.WriteLineAsync($"{envelopeFile.FullName} does not exist or is larger than {ConfigEnvelopeVerifier.MaxEnvelopeBytes} bytes.").ConfigureAwait(false);
                return AgentCli.UsageError;
            }

            using var credentials = AgentCredentials.Load(paths);
            var verification = new ConfigVerification(credentials.SigningKey, credentials.AgentId);
            var stored = new ConfigStore(paths).Load();
            var applied = stored is null ? null : verification.VerifyStored(stored).Envelope?.Header.Version;
            var bytes = await File.ReadAllBytesAsync(envelopeFile.FullName, cancellationToken).ConfigureAwait(false);
            var outcome = verification.VerifyFresh(bytes, applied);
            if (!outcome.Succeeded)
            {
                await output.WriteLineAsync($"REJECTED ({outcome.Failure}): {outcome.Message}").ConfigureAwait(false);
                return AgentCli.DeviceError;
            }

            var header = outcome.Envelope.Header;
            var configuration = outcome.Envelope.Configuration;
            var c = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Create(c, $"VALID: version {header.Version} for agent {header.AgentId}, signed by key {header.KeyId}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"issued {header.IssuedAt:u}, expires {header.ExpiresAt:u}; running version: {(applied is null ? "none" : applied.Value.ToString(c))}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"site {configuration.Site.Prefix}: {configuration.Connections.Count} connections, {configuration.Tags.Count} tags")).ConfigureAwait(false);
            foreach (var connection in configuration.Connections)
            {
                var tags = configuration.Tags.Count(tag => tag.Connection == connection.Id);
                await output.WriteLineAsync(string.Create(c, $"  {connection.Id} ({connection.Protocol}): {tags} tags")).ConfigureAwait(false);
            }

            return AgentCli.Success;
        }));
        return command;
    }
}
