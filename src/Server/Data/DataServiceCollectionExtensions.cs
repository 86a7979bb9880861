using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Proxus.Server.Data.Migrations;

namespace Proxus.Server.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database (<c>Database:Provider</c>, <c>ConnectionStrings:Proxus</c>, <c>Server:DataDirectory</c>,
    /// default <c>data/</c> under the content root), the <see cref="ProxusDbContext"/> factory and the migrator.
    /// </summary>
    public static IHostApplicationBuilder AddProxusData(this IHostApplicationBuilder builder)
    {
        var defaultDataDirectory = Path.Combine(builder.Environment.ContentRootPath, "data");
        builder.Services.AddOptions<DatabaseOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var provider = configuration["Database:Provider"];
                if (!string.IsNullOrWhiteSpace(provider))
                {
                    options.Provider = Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) ? parsed : (DatabaseProvider)(-1);
                }

                options.ConnectionString = configuration.GetConnectionString("Proxus");
                var directory = configuration["Server:DataDirectory"];
                options.DataDirectory = string.IsNullOrWhiteSpace(directory) ? defaultDataDirectory : Path.GetFullPath(directory);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        builder.Services.AddMetrics();
        builder.Services.AddSingleton<DatabaseCommandMetrics>();
        builder.Services.AddDbContextFactory<ProxusDbContext>((services, options) =>
        {
            options.AddInterceptors(services.GetRequiredService<DatabaseCommandMetrics>());
            var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                options.UseNpgsql(database.EffectiveConnectionString);
            }
            else
            {
                options.UseSqlite(database.EffectiveConnectionString);
            }
        });
        builder.Services.AddSingleton<DatabaseMigrator>();
        return builder;
    }
}
