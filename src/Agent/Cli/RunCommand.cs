using System.CommandLine;
using Microsoft.Extensions.Logging;
using Proxus.Agent.Runtime;
using Proxus.Agent.Uplink;

namespace Proxus.Agent.Cli;

/// <summary>
/// <c>run [--data-dir DIR] [--status-interval S] [--config-poll-interval S] [--buffer-max-mb N] [--fsync-every-record]</c>:
/// the agent runtime, until SIGTERM or Ctrl+C.
/// </summary>
internal static class RunCommand
{
    public static Command Create(Func<string, string?> getEnvironmentVariable)
    {
        var defaults = new AgentRunOptions();
        var dataDirectory = new DataDirectoryOption(getEnvironmentVariable);
        var statusInterval = new Option<double>("--status-interval") { Description = "Seconds between status reports", DefaultValueFactory = _ => defaults.StatusInterval.TotalSeconds };
        var pollInterval = new Option<double>("--config-poll-interval") { Description = "Seconds between configuration polls (announcements trigger a fetch at once)", DefaultValueFactory = _ => defaults.ConfigPollInterval.TotalSeconds };
        var deviceTimeout = new Option<double>("--device-timeout") { Description = "Seconds allowed for each device request", DefaultValueFactory = _ => defaults.DeviceTimeout.TotalSeconds };
        var bufferMegabytes = new Option<long>("--buffer-max-mb") { Description = "Size bound of the store-and-forward queue in MiB (the oldest messages are dropped beyond it, and counted)", DefaultValueFactory = _ => defaults.BufferMaxBytes / (1024 * 1024) };
        var fsyncEveryRecord = new Option<bool>("--fsync-every-record") { Description = "fsync the queue after every message instead of every 200 ms" };
        var command = new Command("run", "Run the agent: poll the configured devices and publish to the UNS until stopped")
        {
            dataDirectory.Option, statusInterval, pollInterval, deviceTimeout, bufferMegabytes, fsyncEveryRecord,
        };
        command.SetAction((result, cancellationToken) => AgentCli.ExecuteAsync(result, async (_, _) =>
        {
            var options = new AgentRunOptions
            {
                StatusInterval = Seconds(result.GetValue(statusInterval), "--status-interval"),
                ConfigPollInterval = Seconds(result.GetValue(pollInterval), "--config-poll-interval"),
                DeviceTimeout = Seconds(result.GetValue(deviceTimeout), "--device-timeout"),
                BufferMaxBytes = result.GetValue(bufferMegabytes) * 1024 * 1024,
                BufferFsyncEveryRecord = result.GetValue(fsyncEveryRecord),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException exception)
            {
                throw new FormatException(exception.Message, exception);
            }

            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            }));
            var runtime = new AgentRuntime(dataDirectory.Resolve(result), options, (paths, run) => DiskUplinkQueue.Open(paths, run, loggers), loggers);
            await runtime.RunAsync(cancellationToken).ConfigureAwait(false);
            return AgentCli.Success;
        }));
        return command;
    }

    private static TimeSpan Seconds(double value, string name)
        => value is > 0 and <= 86_400 ? TimeSpan.FromSeconds(value) : throw new FormatException($"{name} must be more than 0 and at most 86400 seconds.");
}
