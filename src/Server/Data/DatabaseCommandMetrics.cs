using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Proxus.Server.Data;

/// <summary>
/// The <c>Proxus.Database</c> meter, fed by an EF Core interceptor: the duration of every command
/// the server's DbContexts run, by kind and outcome, and the commands that failed.
/// </summary>
public sealed class DatabaseCommandMetrics : DbCommandInterceptor
{
    public const string MeterName = "Proxus.Database";

    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;

    public DatabaseCommandMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram("proxus.database.command.duration", "s", "Duration of database commands run through EF Core, by kind (reader, non_query, scalar) and outcome.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _failures = meter.CreateCounter<long>("proxus.database.command.failures", "{command}", "Database commands that failed (connection lost, timeout, constraint, ...).");
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Succeeded("reader", eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Succeeded("reader", eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Succeeded("non_query", eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Succeeded("non_query", eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Succeeded("scalar", eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Succeeded("scalar", eventData);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Failed(eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData);
        return Task.CompletedTask;
    }

    private void Succeeded(string kind, CommandExecutedEventData eventData)
        => _duration.Record(eventData.Duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", "ok"));

    private void Failed(CommandErrorEventData eventData)
    {
        _failures.Add(1);
        _duration.Record(eventData.Duration.TotalSeconds, new KeyValuePair<string, object?>("kind", Kind(eventData.ExecuteMethod)), new KeyValuePair<string, object?>("outcome", "error"));
    }

    private static string Kind(DbCommandMethod method) => method switch
    {
        DbCommandMethod.ExecuteReader => "reader",
        DbCommandMethod.ExecuteScalar => "scalar",
        _ => "non_query",
    };
}
