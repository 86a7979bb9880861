using Microsoft.Extensions.Options;

namespace Proxus.Server.Telemetry;

/// <summary>Refuses to start with telemetry settings that cannot work.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        Require(failures, options.BatchSize is >= 1 and <= 100_000, "Telemetry:BatchSize must be 1..100000.");
        Require(failures, options.BatchDelay > TimeSpan.Zero && options.BatchDelay <= TimeSpan.FromMinutes(1), "Telemetry:BatchDelay must be positive and at most a minute.");
        Require(failures, options.QueueCapacity >= 1 && options.QueueCapacity <= 10_000_000, "Telemetry:QueueCapacity must be 1..10000000.");
        Require(failures, options.MaxPayloadBytes is >= 64 and <= 1024 * 1024, "Telemetry:MaxPayloadBytes must be 64..1048576.");
        Require(failures, options.MaxTextLength is >= 1 and <= 1024 * 1024, "Telemetry:MaxTextLength must be 1..1048576.");
        Require(failures, options.MaxFutureSkew >= TimeSpan.Zero, "Telemetry:MaxFutureSkew must not be negative.");
        Require(failures, options.RetentionDays is >= 0 and <= 36_500, "Telemetry:RetentionDays must be 0 (keep forever)..36500.");
        Require(failures, options.PartitionsAhead is >= 1 and <= 366, "Telemetry:PartitionsAhead must be 1..366.");
        Require(failures, options.MaintenanceInterval >= TimeSpan.FromSeconds(1), "Telemetry:MaintenanceInterval must be at least a second.");
        Require(failures, options.RetentionDeleteChunk >= 1, "Telemetry:RetentionDeleteChunk must be positive.");
        Require(failures, options.RetryDelay > TimeSpan.Zero && options.RetryDelay <= TimeSpan.FromMinutes(1), "Telemetry:RetryDelay must be positive and at most a minute.");
        Require(failures, options.MaxTagsPerQuery >= 1, "Telemetry:MaxTagsPerQuery must be positive.");
        Require(failures, options.MaxRawRows >= 1, "Telemetry:MaxRawRows must be positive.");
        Require(failures, options.MaxBuckets >= 1, "Telemetry:MaxBuckets must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
