using Microsoft.Extensions.Options;

namespace Proxus.Server.Configuration;

internal sealed class AgentConfigOptionsValidator : IValidateOptions<AgentConfigOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentConfigOptions options)
    {
        var failures = new List<string>();
        if (options.EnvelopeLifetime < TimeSpan.FromHours(1) || options.EnvelopeLifetime > TimeSpan.FromDays(397))
        {
            failures.Add("AgentConfig:EnvelopeLifetime must be between 1 hour and 397 days.");
        }

        if (options.RenewalCheckInterval < TimeSpan.FromSeconds(10) || options.RenewalCheckInterval > options.EnvelopeLifetime / 6)
        {
            failures.Add("AgentConfig:RenewalCheckInterval must be at least 10 seconds and at most a sixth of AgentConfig:EnvelopeLifetime, so renewal happens well before expiry.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
