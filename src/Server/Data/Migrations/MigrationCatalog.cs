using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Proxus.Server.Data.Migrations;

/// <summary>The migration scripts embedded in this assembly, per provider, in ascending version order.</summary>
public static class MigrationCatalog
{
    private const string ResourcePrefix = "Proxus.Server.Migrations.";

    public static IReadOnlyList<Migration> For(DatabaseProvider provider)
    {
        var folder = provider switch
        {
            DatabaseProvider.Sqlite => "sqlite",
            DatabaseProvider.PostgreSql => "postgresql",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };

        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var relative = resource[ResourcePrefix.Length..].Replace('\\', '/');
            var slash = relative.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !relative[..slash].Equals(folder, StringComparison.Ordinal))
            {
                continue;
            }

            migrations.Add(Load(assembly, resource, relative[(slash + 1)..]));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            // Numbers are reserved per feature while features are built in parallel, so the sequence may
            // have gaps; each number is used once and the database applies them in ascending order.
            if (migrations[i].Version < 1 || (i > 0 && migrations[i].Version == migrations[i - 1].Version))
            {
                throw new InvalidOperationException($"The {folder} migrations must have distinct positive numbers: found {migrations[i].Version} twice or below 1.");
            }
        }

        return migrations;
    }

    private static Migration Load(Assembly assembly, string resource, string fileName)
    {
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !fileName.EndsWith(".sql", StringComparison.Ordinal)
            || !int.TryParse(fileName.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{fileName}' is not named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        var name = fileName[(underscore + 1)..^".sql".Length];
        return new Migration(version, name, sql, checksum);
    }
}
