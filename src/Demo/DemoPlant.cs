namespace Proxus.Demo;

/// <summary>
/// The sample enterprise: Acme with a press shop in Stuttgart (a hydraulic press on Modbus TCP and
/// its line PLC on S7) and the utilities area in Leipzig (compressors, a chiller and the main meter
/// behind a Modbus TCP gateway), and one person per role.
/// </summary>
public static class DemoPlant
{
    public const string AdminUserName = "admin";

    public static IReadOnlyList<DemoSite> Sites { get; } =
    [
        new("Stuttgart press shop", "Acme", "Stuttgart", "press-edge", "stuttgart.tag-map.yaml", WritesEnabled: true),
        new("Leipzig utilities", "Acme", "Leipzig", "utilities-edge", "leipzig.tag-map.yaml", WritesEnabled: false),
    ];

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("otengineer", "OtEngineer", AssignedToAllSites: true),
        new("approver", "Approver"),
        new("auditor", "Auditor"),
        new("viewer", "Viewer"),
    ];

    /// <summary>The site's tag map with the simulators' ports filled in.</summary>
    public static string TagMap(DemoSite site, DemoPorts ports)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(ports);
        var text = File.ReadAllText(Path.Combine(DemoPaths.PlantDirectory, site.TagMapFile));
        return text
            .Replace("{{PRESS_MODBUS_PORT}}", Invariant(ports.PressModbus), StringComparison.Ordinal)
            .Replace("{{PRESS_S7_PORT}}", Invariant(ports.PressS7), StringComparison.Ordinal)
            .Replace("{{UTILITIES_MODBUS_PORT}}", Invariant(ports.UtilitiesModbus), StringComparison.Ordinal);
    }

    /// <summary>The press line PLC's data block and moving values (<c>Plant/press-plc.s7.args</c>, one argument per line).</summary>
    public static IEnumerable<string> PressPlcArguments()
        => File.ReadAllLines(Path.Combine(DemoPaths.PlantDirectory, "press-plc.s7.args")).Where(line => line.Length > 0);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
