using System.Text;

namespace Proxus.Demo;

public sealed partial class DemoRunner
{
    /// <summary>The line the demo prints once everything runs (the acceptance test waits for it).</summary>
    public const string ReadyLine = "Proxus demo is running.";

    /// <summary>The banner's last line.</summary>
    public const string StopHint = "Press Ctrl+C to stop everything.";

    private void PrintBanner(Uri server, DemoPorts ports, DemoState state, IReadOnlyList<SeededSite> sites, string consumerCommand)
    {
        var text = new StringBuilder();
        text.AppendLine()
            .AppendLine(ReadyLine)
            .AppendLine()
            .AppendLine($"  Portal       {server}login")
            .AppendLine($"  REST API     {server}api/v1 (described at {server}openapi/v1.json)")
            .AppendLine($"  MQTT (UNS)   mqtts://localhost:{Invariant(ports.MqttTls)}  TLS 1.3, client certificates from the server's CA")
            .AppendLine($"  CA chain     {paths.CaChainFile}  (e.g. curl --cacert {paths.CaChainFile} {server}healthz)")
            .AppendLine()
            .AppendLine("  Users (passwords kept in " + _store.Path + ", owner-only):");
        text.AppendLine($"    {DemoPlant.AdminUserName,-12} {state.Passwords[DemoPlant.AdminUserName],-26} Admin");
        foreach (var user in DemoPlant.Users)
        {
            var scope = user.AssignedToAllSites ? " on " + string.Join(" and ", sites.Select(s => s.Site.Prefix)) : string.Empty;
            text.AppendLine($"    {user.UserName,-12} {state.Passwords[user.UserName],-26} {user.Role}{scope}");
        }

        text.AppendLine().AppendLine("  Sites and agents:");
        foreach (var site in sites)
        {
            var writes = site.Site.WritesEnabled ? "writes enabled" : "read-only (diode mode)";
            text.AppendLine($"    {site.Site.Prefix,-16} {site.Site.Name}, {site.TagCount} tags (version {site.TagMapVersion}), {writes}")
                .AppendLine($"    {string.Empty,-16} agent {site.Site.AgentName} ({site.AgentId:D}), pid {_agents.First(a => a.Name == site.Site.AgentName).Id}")
                .AppendLine($"    {string.Empty,-16} dotnet {paths.AgentDll} status --data-dir {paths.AgentDataDirectory(site.Site.AgentName)}");
        }

        text.AppendLine()
            .AppendLine($"  Read the UNS as a read-only machine client over mutual TLS (files in {paths.ConsumerDirectory}):")
            .AppendLine()
            .AppendLine("    " + consumerCommand)
            .AppendLine()
            .AppendLine($"  The server's loopback listener 127.0.0.1:{Invariant(ports.MqttLoopback)} also admits anonymous clients (demo only).")
            .AppendLine()
            .AppendLine("  PLC simulators:")
            .AppendLine($"    press hydraulics  Modbus TCP 127.0.0.1:{Invariant(ports.PressModbus)} unit 1")
            .AppendLine($"    press line PLC    S7 127.0.0.1:{Invariant(ports.PressS7)} rack 0 slot 1, DB40")
            .AppendLine($"    utilities gateway Modbus TCP 127.0.0.1:{Invariant(ports.UtilitiesModbus)} unit 1")
            .AppendLine()
            .AppendLine("  Try a governed write: sign in as otengineer, request a new value for")
            .AppendLine("  Acme/Stuttgart/Press/Line1/Press01/PressureSetpoint (120..220 bar), then approve it as approver.")
            .AppendLine()
            .AppendLine($"  Logs: {paths.LogDirectory}")
            .AppendLine("  " + StopHint);
        output.Write(text.ToString());
        output.Flush();
    }
}
