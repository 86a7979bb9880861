using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Proxus.Agent.Identity;
using Proxus.Agent.Runtime;

namespace Proxus.Agent.Cli;

/// <summary>
/// <c>status [--json] [--data-dir DIR]</c>: prints the status the running agent last wrote to its
/// data directory (the agent has no socket to ask). Exit code 0 when the writer still runs and the
/// uplink is connected, 1 otherwise.
/// </summary>
internal static class StatusCommand
{
    /// <summary>A status file larger than this is not read.</summary>
    public const int MaxStatusBytes = 1024 * 1024;

    public static Command Create(Func<string, string?> getEnvironmentVariable)
    {
        var dataDirectory = new DataDirectoryOption(getEnvironmentVariable);
        var json = new Option<bool>("--json") { Description = "Print the status file as written (JSON)" };
        var command = new Command("status", "Print the status the running agent last wrote to its data directory") { json, dataDirectory.Option };
        command.SetAction((result, cancellationToken) => AgentCli.ExecuteAsync(result, async (output, error) =>
        {
            var paths = dataDirectory.Resolve(result);
            var file = new FileInfo(paths.StatusPath);
            if (!file.Exists || file.Length > MaxStatusBytes)
            {
                await error.WriteLineAsync($"No status in {paths.Root}: the agent has not run there yet.").ConfigureAwait(false);
                return AgentCli.DeviceError;
            }

            var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            LocalAgentStatus? status;
            try
            {
                status = JsonSerializer.Deserialize(bytes, AgentJsonContext.Default.LocalAgentStatus);
            }
            catch (JsonException exception)
            {
                await error.WriteLineAsync($"{file.FullName} is not a status file: {exception.Message}").ConfigureAwait(false);
                return AgentCli.DeviceError;
            }

            if (status is null)
            {
                await error.WriteLineAsync($"{file.FullName} is empty.").ConfigureAwait(false);
                return AgentCli.DeviceError;
            }

            var running = status.Report.State == Core.Status.AgentState.Online && IsRunning(status.ProcessId);
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(bytes)).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(output, status, running).ConfigureAwait(false);
            }

            return running && status.UplinkConnected ? AgentCli.Success : AgentCli.DeviceError;
        }));
        return command;
    }

    private static bool IsRunning(int processId) => processId > 0 && Directory.Exists($"/proc/{processId}");

    private static async Task WriteTextAsync(TextWriter output, LocalAgentStatus status, bool running)
    {
        var report = status.Report;
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync($"agent          {report.AgentId:D}").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"process        {(running ? $"running (pid {status.ProcessId})" : $"not running ({report.Reason ?? "stopped"})")}, status written {report.Timestamp:u}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"uptime         {TimeSpan.FromSeconds(report.UptimeSeconds)}")).ConfigureAwait(false);
        await output.WriteLineAsync($"uplink         {(status.UplinkConnected ? "connected" : "disconnected")}{(status.UplinkError is null ? string.Empty : string.Create(c, $"; last error at {status.UplinkErrorAt:u}: {status.UplinkError}"))}").ConfigureAwait(false);
        await output.WriteLineAsync($"configuration  {(report.ConfigVersion is { } version ? string.Create(c, $"version {version}") : "none applied")}{(status.ConfigError is null ? string.Empty : "; " + status.ConfigError)}").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"certificate    expires {report.CertificateExpiresAt:u}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"buffer         {report.BufferDepth} messages, {report.BufferBytes} bytes, {report.DroppedPoints} dropped, {status.CorruptRecords} corrupt")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"points         {report.PointsPerSecond}/s produced, {report.PublishedPoints} acknowledged by the broker")).ConfigureAwait(false);
        foreach (var connection in report.Connections)
        {
            var failure = connection.LastError is null ? string.Empty : string.Create(c, $"; last error at {connection.LastErrorAt:u}: {connection.LastError}");
            await output.WriteLineAsync(string.Create(c, $"connection     {connection.Id} ({connection.Protocol}) {connection.State}, {connection.PointsPerSecond}/s{failure}")).ConfigureAwait(false);
        }
    }
}
