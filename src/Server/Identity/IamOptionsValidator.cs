using Microsoft.Extensions.Options;

namespace Proxus.Server.Identity;

internal sealed class IamOptionsValidator : IValidateOptions<IamOptions>
{
    public ValidateOptionsResult Validate(string? name, IamOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.InitialAdminUserName) || options.InitialAdminUserName.Length > 64)
        {
            failures.Add("Iam:InitialAdminUserName must have 1 to 64 characters.");
        }

        if (options.MaxFailedSignIns is < 3 or > 10)
        {
            failures.Add("Iam:MaxFailedSignIns must be between 3 and 10.");
        }

        if (options.LockoutDuration < TimeSpan.FromMinutes(1) || options.LockoutDuration > TimeSpan.FromDays(1))
        {
            failures.Add("Iam:LockoutDuration must be between 1 minute and 1 day.");
        }

        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("Iam:SessionLifetime must be between 5 minutes and 1 day.");
        }

        if (options.AccessTokenLifetime < TimeSpan.FromMinutes(1) || options.AccessTokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Iam:AccessTokenLifetime must be between 1 minute and 1 hour.");
        }

        if (string.IsNullOrWhiteSpace(options.TokenIssuer) || string.IsNullOrWhiteSpace(options.TokenAudience))
        {
            failures.Add("Iam:TokenIssuer and Iam:TokenAudience must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
