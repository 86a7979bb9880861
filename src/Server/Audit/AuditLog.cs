using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Audit;

/// <summary>
/// The single writer of the audit chain. An audited action runs inside the same database
/// transaction as its audit entries, serialized in-process by a semaphore and across server nodes
/// by <see cref="DatabaseLock.Audit"/>: either the action and its record commit together, or
/// neither does — if the audit store cannot be written, the action is refused
/// (<see cref="AuditUnavailableException"/>). After each commit the signed head is exported.
/// </summary>
public sealed partial class AuditLog(
    IDbContextFactory<ProxusDbContext> contexts,
    AuditHeadStore heads,
    TimeProvider timeProvider,
    ILogger<AuditLog> logger) : IDisposable
{
    private static readonly byte[] GenesisHash = new byte[AuditHasher.HashLength];
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Records an event on its own.</summary>
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
        => RunAuditedAsync((_, _) => Task.FromResult(new AuditedResult<bool>(true, auditEvent)), cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> in a transaction, appends the events it returns, and commits
    /// both. Exceptions of the action roll everything back and propagate unchanged.
    /// </summary>
    public async Task<T> RunAuditedAsync<T>(Func<ProxusDbContext, CancellationToken, Task<AuditedResult<T>>> action, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            AuditedResult<T> result;
            AuditEntry? last;
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await DatabaseLock.AcquireAsync(db, DatabaseLock.Audit, cancellationToken);
                result = await action(db, cancellationToken);
                last = await AppendEntriesAsync(db, result.Events, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException)
            {
                LogUnavailable(logger, e);
                throw new AuditUnavailableException("The audit log cannot be written; the audited action was not carried out.", e);
            }

            if (last is not null)
            {
                await ExportHeadAsync(last, cancellationToken);
            }

            return result.Value;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();

    private async Task<AuditEntry?> AppendEntriesAsync(ProxusDbContext db, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return null;
        }

        var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = previous?.Sequence ?? 0;
        var previousHash = previous?.Hash ?? GenesisHash;
        var now = Timestamps.Now(timeProvider);
        AuditEntry? entry = null;
        foreach (var auditEvent in events)
        {
            entry = new AuditEntry
            {
                Sequence = ++sequence,
                Timestamp = now,
                Actor = AuditValue.Escape(auditEvent.Actor, AuditEntry.MaxActorLength),
                Type = AuditValue.Escape(auditEvent.Type, AuditEntry.MaxTypeLength),
                Subject = AuditValue.Escape(auditEvent.Subject, AuditEntry.MaxSubjectLength),
                Data = SerializeData(auditEvent.Data),
                PreviousHash = previousHash,
                Hash = [],
            };
            entry.Hash = AuditHasher.ComputeHash(entry);
            previousHash = entry.Hash;
            db.AuditEntries.Add(entry);
        }

        return entry;
    }

    private async Task ExportHeadAsync(AuditEntry last, CancellationToken cancellationToken)
    {
        try
        {
            await heads.WriteAsync(heads.Sign(last), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogHeadExportFailed(logger, e, heads.Path);
        }
    }

    private static string SerializeData(IReadOnlyDictionary<string, string?>? data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in (data ?? new Dictionary<string, string?>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(AuditValue.Escape(key, 100), AuditValue.Escape(value, 2048));
            }

            writer.WriteEndObject();
        }

        var json = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        return json.Length <= AuditEntry.MaxDataLength ? json : "{\"truncated\":\"data exceeded " + AuditEntry.MaxDataLength + " characters\"}";
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Critical, Message = "The audit log cannot be written; audited actions are refused")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Exporting the signed audit head to {Path} failed")]
    private static partial void LogHeadExportFailed(ILogger logger, Exception exception, string path);
}
