using Microsoft.Extensions.Options;

namespace Proxus.Server.Observability;

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (options.ScrapeToken is { } token && (token.Length < MetricsOptions.MinimumTokenLength || token.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{MetricsOptions.SectionName}:ScrapeToken must have at least {MetricsOptions.MinimumTokenLength} characters and no white space.");
        }

        if (options.AllowAnonymous && options.ScrapeToken is not null)
        {
            failures.Add($"{MetricsOptions.SectionName}: set either ScrapeToken or AllowAnonymous, not both.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
