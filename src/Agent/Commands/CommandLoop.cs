using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Proxus.Core.Commands;
using Proxus.Core.Configuration;

namespace Proxus.Agent.Commands;

/// <summary>
/// The runtime's side of control writes: takes each command the uplink received, hands it to the
/// <see cref="AgentCommandProcessor"/> with the configuration running at that moment, and publishes
/// the result. Before the agent runs any configuration there is no command key to verify with:
/// such a command is dropped (logged) and the server's request times out.
/// </summary>
internal sealed partial class CommandLoop(
    ChannelReader<ReadOnlyMemory<byte>> commands,
    AgentCommandProcessor processor,
    Func<AgentConfiguration?> configuration,
    Action<byte[]> publishResult,
    ILogger<CommandLoop> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var payload in commands.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await HandleAsync(payload, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: a command not yet taken is delivered again by the broker (persistent session).
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (configuration() is not { } running)
        {
            LogNoConfiguration(logger);
            return;
        }

        WriteResult? result;
        try
        {
            result = await processor.ProcessAsync(payload, running, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The nonce store could not be read or written (disk full, permissions). No result is published,
            // so the server's request times out; a claim that was written keeps the command from running again.
            LogNonceStoreFailed(logger, exception);
            return;
        }

        if (result is not null)
        {
            publishResult(WriteResultJson.Serialize(result));
            switch (result.Outcome)
            {
                case WriteOutcome.Succeeded:
                    LogSucceeded(logger, result.RequestId, result.ReadBack);
                    break;
                case WriteOutcome.Refused:
                    LogRefused(logger, result.RequestId, result.Refusal, result.Error);
                    break;
                default:
                    LogFailed(logger, result.RequestId, result.Error);
                    break;
            }
        }
    }

    [LoggerMessage(EventId = 7200, Level = LogLevel.Warning, Message = "A command arrived before any configuration is running; it is not executed")]
    private static partial void LogNoConfiguration(ILogger logger);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Error, Message = "The command nonce store failed; no result is published for this command")]
    private static partial void LogNonceStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "Request {RequestId}: written, read back {ReadBack}; result queued")]
    private static partial void LogSucceeded(ILogger logger, Guid requestId, string? readBack);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "Request {RequestId}: refused at the edge ({Refusal}: {Reason}); nothing written; result queued")]
    private static partial void LogRefused(ILogger logger, Guid requestId, CommandRefusal refusal, string? reason);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Warning, Message = "Request {RequestId}: the write failed ({Error}); result queued")]
    private static partial void LogFailed(ILogger logger, Guid requestId, string? error);
}
