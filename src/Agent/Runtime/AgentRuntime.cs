using System.Runtime;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Proxus.Agent.Acquisition;
using Proxus.Agent.Commands;
using Proxus.Agent.Configuration;
using Proxus.Agent.Identity;
using Proxus.Agent.Storage;
using Proxus.Agent.Uplink;
using Proxus.Core.Status;

namespace Proxus.Agent.Runtime;

/// <summary>
/// <c>proxus-agent run</c>: loads the identity and the stored configuration, starts acquisition,
/// the uplink, the configuration fetcher, the command loop (control writes), the status reporter
/// and the certificate renewer, and on
/// cancellation stops polling, says goodbye to the broker and leaves the queue consistent on disk.
/// The agent opens no listening socket: everything here dials out.
/// </summary>
public sealed partial class AgentRuntime(AgentPaths paths, AgentRunOptions options, Func<AgentPaths, AgentRunOptions, IUplinkQueue> openQueue, ILoggerFactory loggers, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = loggers.CreateLogger<AgentRuntime>();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        paths.EnsureCreated();
        using var credentials = new CredentialStore(paths);
        using var signingKey = ECDsa.Create();
        signingKey.ImportFromPem(await File.ReadAllTextAsync(paths.SigningKeyPath, cancellationToken).ConfigureAwait(false));
        var queue = openQueue(paths, options);
        try
        {
            await RunAsync(credentials, signingKey, queue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (queue as IDisposable)?.Dispose();
        }
    }

    private async Task RunAsync(CredentialStore credentials, ECDsa signingKey, IUplinkQueue queue, CancellationToken cancellationToken)
    {
        var agentId = credentials.Current.AgentId;
        LogStarting(_logger, agentId, paths.Root, credentials.Current.Enrollment.Broker);
        var reporter = new StatusReporter(paths, credentials, queue, loggers.CreateLogger<StatusReporter>(), _time);
        var uplink = new MqttUplink(queue, () => credentials.Current, reporter, options.Uplink, loggers, _time, paths.Root);
        var devices = new DeviceConnectionFactory(new AgentSecrets(paths), paths.OpcUaPkiDirectory, options.DeviceTimeout, _time);
        var engine = new AcquisitionEngine(devices, SequenceAllocator.Open(paths), uplink, loggers.CreateLogger<AcquisitionEngine>(), _time);
        var configuration = new ConfigurationManager(
            new ConfigStore(paths),
            new ConfigVerification(signingKey, agentId, _time),
            async (config, token) =>
            {
                await engine.ApplyAsync(config, token).ConfigureAwait(false);
                ReleaseConfigurationGarbage();
            },
            () => new ServerApiClient(credentials.Current.Enrollment.Server, credentials.Current.Certificate, credentials.Current.TrustAnchors),
            loggers.CreateLogger<ConfigurationManager>(),
            options.ConfigPollInterval);
        reporter.Uplink = uplink;
        reporter.Engine = engine;
        reporter.Configuration = configuration;
        uplink.ConfigurationAnnounced += (_, _) => configuration.Announce();
        configuration.OutcomeChanged += (_, _) =>
        {
            reporter.WriteLocal();
            reporter.ReportNow();
        };
        var renewer = new CertificateRenewer(paths, credentials, loggers.CreateLogger<CertificateRenewer>(), _time);
        var commands = new CommandLoop(
            uplink.Commands,
            new AgentCommandProcessor(paths.Root, new CommandDeviceSessions(options.DeviceTimeout, _time).OpenAsync, _time, logger: loggers.CreateLogger<AgentCommandProcessor>()),
            () => configuration.Applied,
            result => uplink.PublishResult(credentials.Current.Enrollment.AgentId, result),
            loggers.CreateLogger<CommandLoop>());
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await configuration.LoadStoredAsync(cancellationToken).ConfigureAwait(false);
            Task[] loops =
            [
                uplink.RunAsync(stopping.Token),
                configuration.RunAsync(stopping.Token),
                reporter.RunAsync(options.StatusInterval, stopping.Token),
                renewer.RunAsync(stopping.Token),
                commands.RunAsync(stopping.Token),
            ];
            var first = await Task.WhenAny(loops).ConfigureAwait(false);
            await stopping.CancelAsync().ConfigureAwait(false);
            await WhenStoppedAsync(loops).ConfigureAwait(false);
            if (first.IsFaulted)
            {
                LogLoopFailed(_logger, first.Exception.GetBaseException());
                await first.ConfigureAwait(false);
            }
        }
        finally
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            await uplink.DisposeAsync().ConfigureAwait(false);
            reporter.WriteLocal(AgentState.Offline, "shutdown");
            LogStopped(_logger, agentId);
        }
    }

    /// <summary>
    /// Verifying and applying a configuration of thousands of tags leaves megabytes of parse garbage
    /// that survived long enough to reach generation 2, where little else is ever allocated: without a
    /// full collection it would stay resident until the next configuration. One compacting collection
    /// per applied configuration (rare, tens of milliseconds) gives it back to the operating system.
    /// </summary>
    private static void ReleaseConfigurationGarbage()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Waits for every loop to end after the stop; failures surface through the first loop that ended.</summary>
    private static async Task WhenStoppedAsync(Task[] loops)
    {
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Shutdown cancellations, and the failure reported for the loop that ended first.
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Agent {AgentId} starting (data directory {DataDirectory}, broker {Broker})")]
    private static partial void LogStarting(ILogger logger, string agentId, string dataDirectory, Uri broker);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "An agent loop failed; the agent stops so that its supervisor restarts it")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Agent {AgentId} stopped")]
    private static partial void LogStopped(ILogger logger, string agentId);
}
