extern alias edge;

using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Identity;
using Proxus.Server.Monitoring;
using Proxus.Server.Mqtt;
using Proxus.Server.Observability;
using Proxus.Server.Pki;
using Proxus.Server.Telemetry;
using Proxus.Server.Writes;
using AgentCommands = edge::Proxus.Agent.Cli;

namespace Proxus.Server.Tests.Documentation;

/// <summary>
/// docs/configuration.md against the code: the server's settings read from its options classes (each
/// bindable property, nested option classes as sub-sections, the defaults of a new instance) and the
/// agent's from its <c>enroll</c> and <c>run</c> commands.
/// </summary>
public static partial class ConfigurationReference
{
    public const string None = "—";

    /// <summary>The options classes bound from configuration and the section each is bound from.</summary>
    public static readonly (string Section, Type Options)[] Sections =
    [
        (PkiOptions.Section, typeof(PkiOptions)),
        (IamOptions.Section, typeof(IamOptions)),
        (AgentConfigOptions.Section, typeof(AgentConfigOptions)),
        (MqttServerOptions.SectionName, typeof(MqttServerOptions)),
        (MqttConsumerOptions.SectionName, typeof(MqttConsumerOptions)),
        (TelemetryOptions.SectionName, typeof(TelemetryOptions)),
        (WriteOptions.Section, typeof(WriteOptions)),
        (MetricsOptions.SectionName, typeof(MetricsOptions)),
        (MonitoringOptions.SectionName, typeof(MonitoringOptions)),
    ];

    /// <summary><see cref="DatabaseOptions"/> is bound by hand (DataServiceCollectionExtensions) from these keys.</summary>
    public static readonly Dictionary<string, string> DatabaseKeys = new()
    {
        [nameof(DatabaseOptions.Provider)] = "Database:Provider",
        [nameof(DatabaseOptions.ConnectionString)] = "ConnectionStrings:Proxus",
        [nameof(DatabaseOptions.DataDirectory)] = "Server:DataDirectory",
    };

    /// <summary>Defaults computed at start-up rather than held by the options class.</summary>
    private static readonly HashSet<string> ComputedDefaults = ["Server:DataDirectory", "--data-dir"];

    /// <summary>The option classes reachable from <see cref="Sections"/> and <see cref="DatabaseOptions"/>.</summary>
    public static IReadOnlySet<Type> OptionsTypes()
    {
        var types = new HashSet<Type> { typeof(DatabaseOptions) };
        foreach (var (_, type) in Sections)
        {
            Collect(type, types);
        }

        return types;
    }

    public static IReadOnlyList<DocumentedSetting> ServerSettings()
    {
        var settings = new List<DocumentedSetting>();
        foreach (var (section, type) in Sections)
        {
            AddSettings(section, Activator.CreateInstance(type)!, settings);
        }

        var database = new DatabaseOptions();
        foreach (var (property, key) in DatabaseKeys)
        {
            settings.Add(new DocumentedSetting(key, Environment(key), Format(typeof(DatabaseOptions).GetProperty(property)!.GetValue(database)), ComputedDefaults.Contains(key)));
        }

        return settings;
    }

    public static IReadOnlyList<DocumentedSetting> AgentSettings()
    {
        var settings = new Dictionary<string, DocumentedSetting>();
        foreach (var command in new[] { AgentCommands.EnrollCommand.Create(_ => null), AgentCommands.RunCommand.Create(_ => null) })
        {
            var parsed = command.Parse([]);
            foreach (var option in command.Options)
            {
                var value = option.HasDefaultValue ? Format(parsed.GetValue<object>(option.Name)) : option.ValueType == typeof(bool) ? "false" : None;
                var variable = option.Name == "--data-dir" ? edge::Proxus.Agent.Storage.AgentPaths.DataDirectoryVariable : None;
                settings.TryAdd(option.Name, new DocumentedSetting(option.Name, variable, value, option.Required || ComputedDefaults.Contains(option.Name)));
            }
        }

        return [.. settings.Values];
    }

    /// <summary>Every difference between the page and the code; empty when they agree.</summary>
    public static IReadOnlyList<string> Check(string markdown, IReadOnlyList<DocumentedSetting> settings)
    {
        var rows = new Dictionary<string, (string Variable, string Default)>();
        var problems = new List<string>();
        foreach (Match row in Row().Matches(markdown))
        {
            if (!rows.TryAdd(row.Groups["key"].Value, (row.Groups["variable"].Value.Trim(), row.Groups["default"].Value.Trim())))
            {
                problems.Add($"{row.Groups["key"].Value}: documented twice");
            }
        }

        foreach (var setting in settings)
        {
            if (!rows.Remove(setting.Key, out var row))
            {
                problems.Add($"{setting.Key}: not documented");
                continue;
            }

            var variable = setting.EnvironmentVariable == None ? None : $"`{setting.EnvironmentVariable}`";
            if (row.Variable != variable)
            {
                problems.Add($"{setting.Key}: environment variable {row.Variable}, expected {variable}");
            }

            if (!DefaultMatches(row.Default, setting))
            {
                problems.Add($"{setting.Key}: default {row.Default}, the code has {setting.Default}");
            }
        }

        problems.AddRange(rows.Keys.Select(key => $"{key}: documented but no such setting"));
        return problems;
    }

    private static bool DefaultMatches(string documented, DocumentedSetting setting)
    {
        if (documented.StartsWith('*'))
        {
            return setting.DescribedDefault;
        }

        var literal = documented == None ? None : Literal().Match(documented) is { Success: true } match ? match.Groups[1].Value : null;
        var expanded = literal?
            .Replace("{MachineName}", System.Environment.MachineName, StringComparison.Ordinal)
            .Replace("{LocalApplicationData}", System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData), StringComparison.Ordinal);
        return expanded == setting.Default;
    }

    private static void AddSettings(string prefix, object options, List<DocumentedSetting> settings)
    {
        foreach (var property in Bindable(options.GetType()))
        {
            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(options);
            if (IsOptions(property.PropertyType))
            {
                AddSettings(key, value!, settings);
            }
            else
            {
                settings.Add(new DocumentedSetting(key, Environment(key) + (IsList(property.PropertyType) ? "__0" : string.Empty), Format(value)));
            }
        }
    }

    private static void Collect(Type type, HashSet<Type> types)
    {
        types.Add(type);
        foreach (var property in Bindable(type).Where(p => IsOptions(p.PropertyType)))
        {
            Collect(property.PropertyType, types);
        }
    }

    /// <summary>What the configuration binder sets: public settable properties, and get-only lists it fills.</summary>
    private static IEnumerable<PropertyInfo> Bindable(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true || IsList(p.PropertyType));

    private static bool IsOptions(Type type) => type.IsClass && type.Name.EndsWith("Options", StringComparison.Ordinal) && type.Namespace?.StartsWith("Proxus.", StringComparison.Ordinal) == true;

    private static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static string Environment(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static string Format(object? value) => value switch
    {
        null or "" => None,
        string text => text,
        bool flag => flag ? "true" : "false",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => items.Cast<object>().Select(Format).ToList() is { Count: > 0 } list ? string.Join(", ", list) : None,
        _ => value.ToString() ?? None,
    };

    [GeneratedRegex(@"^\| `(?<key>[^`]+)` \| (?<variable>[^|]+) \| (?<default>[^|]+) \| ", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"^`([^`]*)`$")]
    private static partial Regex Literal();
}
