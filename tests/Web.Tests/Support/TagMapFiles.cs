using System.Globalization;
using System.Text;

namespace Proxus.Web.Tests.Support;

/// <summary>Tag-map files as an OT engineer writes them (docs/tag-maps.md): a YAML site with one Modbus TCP connection, and CSV tag lists.</summary>
public static class TagMapFiles
{
    public const string Connection = "press-plc";

    public const string CsvHeader = "path,connection,address,data_type,unit,poll_interval_ms,description";

    /// <summary>A YAML site whose connection <see cref="Connection"/> reads a Modbus TCP device on 127.0.0.1:<paramref name="port"/>, with the given tag items.</summary>
    public static string Yaml(TagMapSite site, int port, IEnumerable<string> tagItems)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            site:
              enterprise: {site.Enterprise}
              name: {site.Level}
            connections:
              - id: {Connection}
                protocol: ModbusTcp
                agent: {site.AgentName}
                host: 127.0.0.1
                port: {port}
                unit_id: 1
            tags:

            """);
        foreach (var item in tagItems)
        {
            text.Append(item);
        }

        return text.ToString();
    }

    /// <summary>A holding-register tag <c>Tag_NNNNNN</c> at <c>HR{index}</c>, polled every second.</summary>
    public static string Tag(TagMapSite site, int index, string dataType = "Int16", string? description = null)
        => Item(site.TagPath(Name(index)), $"HR{index.ToString(CultureInfo.InvariantCulture)}", dataType, description ?? $"Register {index.ToString(CultureInfo.InvariantCulture)}");

    public static string Item(string path, string address, string dataType, string? description = null, string? unit = null, string connection = Connection)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"  - path: {path}\n    connection: {connection}\n    address: {address}\n    data_type: {dataType}\n    poll_interval_ms: 1000\n");
        if (unit is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    unit: {unit}\n");
        }

        if (description is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    description: {description}\n");
        }

        return text.ToString();
    }

    public static string Name(int index) => "Tag_" + index.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>A YAML site with <paramref name="count"/> Int16 tags at HR0, HR1, ...</summary>
    public static string Yaml(TagMapSite site, int port, int count)
        => Yaml(site, port, Enumerable.Range(0, count).Select(i => Tag(site, i)));

    /// <summary>A CSV tag list with <paramref name="count"/> Int16 tags at HR0, HR1, ... on <see cref="Connection"/>.</summary>
    public static string Csv(TagMapSite site, int count, Func<int, string>? description = null)
    {
        var text = new StringBuilder(CsvHeader).Append("\r\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{site.TagPath(Name(i))},{Connection},HR{i},Int16,,1000,{description?.Invoke(i) ?? "Register " + i.ToString(CultureInfo.InvariantCulture)}\r\n");
        }

        return text.ToString();
    }
}
