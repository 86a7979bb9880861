using Microsoft.Extensions.Options;

namespace Proxus.Server.Data;

/// <summary>Refuses to start with a database configuration that cannot work.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"Database:Provider must be {DatabaseProvider.Sqlite} or {DatabaseProvider.PostgreSql}.");
        }

        if (options.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Database:Provider is PostgreSql but ConnectionStrings:Proxus is empty.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory) || !Path.IsPathFullyQualified(options.DataDirectory))
        {
            failures.Add("Server:DataDirectory must be an absolute path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
