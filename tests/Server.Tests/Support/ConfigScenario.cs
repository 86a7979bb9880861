using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Proxus.Core.Configuration;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Fleet;
using Proxus.Server.Pki;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// A site with a UNS namespace (<c>Acme/{Name}</c>) and two agents, <c>edge-01</c> and <c>edge-02</c>,
/// plus tag-map texts for it: each agent polls one Modbus connection.
/// </summary>
public sealed class ConfigScenario
{
    public const string Enterprise = "Acme";
    public const string Actor = "ot:test";

    private ConfigScenario(IServiceProvider services, Site site, Agent first, Agent second)
    {
        Services = services;
        Site = site;
        First = first;
        Second = second;
    }

    public IServiceProvider Services { get; }

    public Site Site { get; }

    /// <summary>The UNS site level: unique per scenario, since two sites never share a namespace.</summary>
    public string Name => "S" + Site.Id.ToString("N")[..12];

    public Agent First { get; }

    public Agent Second { get; }

    public TagMapService TagMaps => Services.GetRequiredService<TagMapService>();

    public AgentConfigService Configs => Services.GetRequiredService<AgentConfigService>();

    public static async Task<ConfigScenario> CreateAsync(IServiceProvider services)
    {
        var fleet = services.GetRequiredService<FleetService>();
        var site = await fleet.CreateSiteAsync("Config site " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var first = await fleet.CreateAgentAsync(site.Id, "edge-01", "admin:test", CancellationToken.None);
        var second = await fleet.CreateAgentAsync(site.Id, "edge-02", "admin:test", CancellationToken.None);
        var scenario = new ConfigScenario(services, site, first, second);
        await services.GetRequiredService<TagMapService>().SetNamespaceAsync(site.Id, Enterprise, scenario.Name, "admin:test", CancellationToken.None);
        return scenario;
    }

    /// <summary>A complete site: <c>press-plc</c> (edge-01) and <c>boiler-plc</c> (edge-02), each with the given tags.</summary>
    public string Yaml(string? pressTemperatureAddress = "HR100", string boilerHost = "10.0.0.6", string firstAgent = "edge-01", params string[] extraPressTags)
    {
        var yaml = new StringBuilder();
        yaml.Append($"""
            site:
              enterprise: {Enterprise}
              name: {Name}
            connections:
              - id: press-plc
                protocol: ModbusTcp
                agent: {firstAgent}
                host: 10.0.0.5
              - id: boiler-plc
                protocol: ModbusTcp
                agent: edge-02
                host: {boilerHost}
            tags:
              - path: {Enterprise}/{Name}/Boiler/Line1/Boiler_1/Pressure
                connection: boiler-plc
                address: HR10
                data_type: Float32
                poll_interval_ms: 1000

            """);
        if (pressTemperatureAddress is not null)
        {
            yaml.Append($"""
                  - path: {Enterprise}/{Name}/Press/Line1/Press_Machine/Temperature
                    connection: press-plc
                    address: {pressTemperatureAddress}
                    data_type: Int16
                    poll_interval_ms: 500

                """);
        }

        foreach (var tag in extraPressTags)
        {
            yaml.Append($"""
                  - path: {Enterprise}/{Name}/Press/Line1/Press_Machine/{tag}
                    connection: press-plc
                    address: CO{Math.Abs(tag.GetHashCode(StringComparison.Ordinal)) % 60000}
                    data_type: Bool
                    poll_interval_ms: 500

                """);
        }

        return yaml.ToString();
    }

    public string Path(string area, string line, string machine, string tag) => $"{Enterprise}/{Name}/{area}/{line}/{machine}/{tag}";

    public Task<TagMapChangeResult> ImportYamlAsync(string yaml, string? comment = "test") => ImportAsync(TagMapFormat.Yaml, yaml, comment);

    public async Task<TagMapChangeResult> ImportAsync(TagMapFormat format, string text, string? comment = "test")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await TagMaps.ImportAsync(Site.Id, format, stream, comment, Actor, CancellationToken.None);
    }

    /// <summary>The agent's own verification with the public key an agent receives at enrollment.</summary>
    public ConfigVerificationResult Verify(byte[] envelope, Guid agentId, long? appliedVersion = null, TimeProvider? time = null)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(Services.GetRequiredService<CertificateAuthority>().ConfigurationSigningPublicKeyPem);
        return new ConfigEnvelopeVerifier([key], time).Verify(envelope, agentId.ToString("D"), appliedVersion);
    }

    public async Task<List<AgentConfigEnvelope>> EnvelopesAsync(Guid agentId)
    {
        await using var db = Services.GetRequiredService<IDbContextFactory<ProxusDbContext>>().CreateDbContext();
        return await db.AgentConfigEnvelopes.AsNoTracking().Where(e => e.AgentId == agentId).OrderBy(e => e.Version).ToListAsync();
    }

    public async Task<List<string>> AuditTypesAsync(string subject)
    {
        await using var db = Services.GetRequiredService<IDbContextFactory<ProxusDbContext>>().CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync();
    }

    public async Task<int> VersionCountAsync()
    {
        await using var db = Services.GetRequiredService<IDbContextFactory<ProxusDbContext>>().CreateDbContext();
        return await db.TagMapVersions.CountAsync(v => v.SiteId == Site.Id);
    }
}
