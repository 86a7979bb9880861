using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Commissioning;
using Proxus.Core.Commands;
using Proxus.Core.Configuration;
using Proxus.Core.Model;

namespace Proxus.Agent.Commands;

/// <summary>
/// Executes governed control writes at the edge (docs/writes.md). For each command payload received
/// on <c>proxus/agents/{id}/command</c>, call <see cref="ProcessAsync"/> with the configuration the
/// agent runs, and publish the returned result (QoS 1) on <c>proxus/agents/{id}/results</c>.
/// Checks, in order: the envelope's signature with the command key of the signed configuration,
/// the target agent and expiry (<see cref="CommandVerifier"/>), nonce replay (kept on disk until the
/// command expires), diode mode, the tag (known, writable, same type) and the write limits; then it
/// writes through the device session of the tag's connection, reads back, and reports. Only typed
/// values for allow-listed tags are executed, never raw frames. Commands run one at a time.
/// </summary>
internal sealed partial class AgentCommandProcessor
{
    /// <summary>The folder of the agent's data directory where nonces are kept.</summary>
    public const string NonceDirectoryName = "command-nonces";

    private readonly Func<Connection, CancellationToken, ValueTask<IDeviceSession>> _openSession;
    private readonly NonceStore _nonces;
    private readonly TimeProvider _time;
    private readonly TimeSpan _clockSkew;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <param name="dataDirectory">The agent's data directory; nonces go to <see cref="NonceDirectoryName"/> below it.</param>
    /// <param name="openSession">Opens a session to the device of a connection; the processor disposes it after the write and read-back.</param>
    /// <param name="time">The agent's clock.</param>
    /// <param name="clockSkew">How far the agent's clock may be off the server's (default <see cref="CommandVerifier.DefaultClockSkew"/>).</param>
    /// <param name="logger">Where refusals and writes are logged.</param>
    public AgentCommandProcessor(
        string dataDirectory,
        Func<Connection, CancellationToken, ValueTask<IDeviceSession>> openSession,
        TimeProvider? time = null,
        TimeSpan? clockSkew = null,
        ILogger<AgentCommandProcessor>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(openSession);
        _openSession = openSession;
        _time = time ?? TimeProvider.System;
        _clockSkew = clockSkew ?? CommandVerifier.DefaultClockSkew;
        _logger = logger ?? NullLogger<AgentCommandProcessor>.Instance;
        _nonces = new NonceStore(Path.Combine(dataDirectory, NonceDirectoryName), _time);
    }

    /// <summary>
    /// Checks and executes one command. Returns the result to publish, or null when the payload
    /// cannot be attributed to any request (not a command at all; logged). A command seen before
    /// is not executed again: its first result is returned with <see cref="WriteResult.Duplicate"/> set.
    /// </summary>
    public async Task<WriteResult?> ProcessAsync(ReadOnlyMemory<byte> payload, AgentConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _nonces.Prune();
            return await ProcessOneAsync(payload, configuration, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<WriteResult?> ProcessOneAsync(ReadOnlyMemory<byte> payload, AgentConfiguration configuration, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var verification = Verify(payload.Span, configuration);
        if (!verification.Succeeded)
        {
            var claimed = CommandVerifier.ReadUnverified(payload.Span);
            LogRefused(_logger, claimed?.RequestId, verification.Refusal, verification.Message);
            return claimed is null || claimed.Nonce.Length != 32
                ? null
                : Refused(claimed, configuration.AgentId, verification.Refusal, verification.Message, receivedAt);
        }

        var command = verification.Command;
        var keepUntil = command.ExpiresAt + _clockSkew;
        if (_nonces.TryGet(command.Nonce, out var previous))
        {
            LogReplay(_logger, command.RequestId, command.Nonce);
            return previous is null
                ? Result(command, WriteOutcome.Failed, CommandRefusal.None, null, "the agent stopped while executing this command; the value may or may not be set, and it is not written again", receivedAt) with { Duplicate = true }
                : previous with { Duplicate = true };
        }

        var check = Check(command, configuration);
        if (check.Refusal != CommandRefusal.None)
        {
            var refusal = check;
            LogRefused(_logger, command.RequestId, refusal.Refusal, refusal.Message);
            var refused = Refused(command, configuration.AgentId, refusal.Refusal, refusal.Message, receivedAt);
            if (_nonces.TryClaim(command.Nonce, keepUntil))
            {
                _nonces.Complete(command.Nonce, keepUntil, refused);
            }

            return refused;
        }

        var (tag, connection, raw, format) = check.Plan!.Value;
        if (!_nonces.TryClaim(command.Nonce, keepUntil))
        {
            return await ProcessOneAsync(payload, configuration, receivedAt, cancellationToken).ConfigureAwait(false);
        }

        var result = await WriteAsync(command, tag, connection, raw, format, receivedAt, cancellationToken).ConfigureAwait(false);
        _nonces.Complete(command.Nonce, keepUntil, result);
        return result;
    }

    private CommandVerificationResult Verify(ReadOnlySpan<byte> payload, AgentConfiguration configuration)
    {
        if (configuration.CommandKey is null)
        {
            return CommandVerifierWithout("the signed configuration carries no command key");
        }

        System.Security.Cryptography.ECDsa key;
        try
        {
            key = CommandKey.Decode(configuration.CommandKey);
        }
        catch (FormatException e)
        {
            return CommandVerifierWithout(e.Message);
        }

        using (key)
        {
            return new CommandVerifier(key, _time, _clockSkew).Verify(payload, configuration.AgentId);
        }
    }

    private static CommandVerificationResult CommandVerifierWithout(string message) => CommandVerificationResult.Fail(CommandRefusal.UnknownKey, message);

    /// <summary>
    /// Writes and reads back through a session of the tag's device. The device work is bounded by
    /// the command's validity (its expiry plus the clock-skew allowance): a device that does not
    /// answer by then fails the command rather than holding it.
    /// </summary>
    private async Task<WriteResult> WriteAsync(WriteCommand command, Tag tag, Connection connection, string raw, PointFormat format, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var remaining = command.ExpiresAt + _clockSkew - _time.GetUtcNow();
        using var expiry = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            var session = await _openSession(connection, deadline.Token).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var point = await session.WriteAsync(tag.Address, raw, format, deadline.Token).ConfigureAwait(false);
                if (!point.IsGood)
                {
                    return DeviceFailed(command, point.Error!, receivedAt);
                }

                var readBack = TagWriteMapping.ReadBack(tag, point.Value, out var problem);
                LogWritten(_logger, command.RequestId, command.Tag.Value, command.Value, readBack);
                return readBack is null
                    ? DeviceFailed(command, "written, but " + problem, receivedAt)
                    : Result(command, WriteOutcome.Succeeded, CommandRefusal.None, readBack, null, receivedAt);
            }
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogDeviceFailed(_logger, null, command.RequestId, command.Tag.Value);
            return DeviceFailed(command, "the device did not answer before the command expired", receivedAt);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDeviceFailed(_logger, e, command.RequestId, command.Tag.Value);
            return DeviceFailed(command, e.Message, receivedAt);
        }
    }

    private WriteResult DeviceFailed(WriteCommand command, string error, DateTimeOffset receivedAt)
        => Result(command, WriteOutcome.Failed, CommandRefusal.None, null, error, receivedAt);

    private WriteResult Refused(WriteCommand command, string agentId, CommandRefusal refusal, string message, DateTimeOffset receivedAt)
        => Result(command, WriteOutcome.Refused, refusal, null, message, receivedAt) with { AgentId = agentId };

    private WriteResult Result(WriteCommand command, WriteOutcome outcome, CommandRefusal refusal, string? readBack, string? error, DateTimeOffset receivedAt)
        => new(
            command.RequestId,
            command.AgentId,
            command.Nonce,
            outcome,
            refusal,
            readBack,
            error is { Length: > WriteResult.MaxErrorLength } ? error[..WriteResult.MaxErrorLength] : error,
            Duplicate: false,
            receivedAt,
            _time.GetUtcNow());

    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning, Message = "Command for request {RequestId} refused: {Refusal}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid? requestId, CommandRefusal refusal, string reason);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Command for request {RequestId} was seen before (nonce {Nonce}); not executed again")]
    private static partial void LogReplay(ILogger logger, Guid requestId, string nonce);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Request {RequestId}: wrote {Value} to {Tag}, read back {ReadBack}")]
    private static partial void LogWritten(ILogger logger, Guid requestId, string tag, string value, string? readBack);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Request {RequestId}: the write to {Tag} failed at the device")]
    private static partial void LogDeviceFailed(ILogger logger, Exception? exception, Guid requestId, string tag);
}
