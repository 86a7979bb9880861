using Microsoft.Extensions.Options;

namespace Proxus.Server.Writes;

internal sealed class WriteOptionsValidator : IValidateOptions<WriteOptions>
{
    public ValidateOptionsResult Validate(string? name, WriteOptions options)
    {
        var errors = new List<string>();
        if (options.RequestLifetime < TimeSpan.FromMinutes(1) || options.RequestLifetime > TimeSpan.FromDays(30))
        {
            errors.Add("Writes:RequestLifetime is 1 minute to 30 days.");
        }

        if (options.CommandLifetime < TimeSpan.FromSeconds(1) || options.CommandLifetime > Core.Commands.CommandVerifier.MaxLifetime
            || options.CommandLifetime.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add("Writes:CommandLifetime is whole seconds, 1 second to 1 day.");
        }

        if (options.AgentClockSkew < TimeSpan.Zero || options.AgentClockSkew > TimeSpan.FromMinutes(10))
        {
            errors.Add("Writes:AgentClockSkew is 0 to 10 minutes.");
        }

        if (options.SweepInterval < TimeSpan.FromMilliseconds(50) || options.SweepInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("Writes:SweepInterval is 50 ms to 1 minute.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
