using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Portal;
using Proxus.Server.Telemetry;
using Proxus.Server.Tests.Support;
using Proxus.Web.Services;

namespace Proxus.Server.Tests.Telemetry;

/// <summary>
/// The object-level check of telemetry history over real IAM: an OtEngineer reads only the tags of
/// their sites, through the history API and the portal's UNS explorer; every other role and a
/// <c>history.read</c> client read every site.
/// </summary>
public sealed class HistoryAccessTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private static readonly string[] Endpoints = ["raw", "aggregates", "export", "last"];

    private readonly DateTimeOffset _t = TelemetrySamples.Day.AddHours(7);
    private TrustWebHost _server = null!;
    private Site _siteA = null!;
    private string _tagA = null!;
    private string _tagB = null!;

    public async Task InitializeAsync()
    {
        _server = await TrustWebHost.StartAsync(fixture.Database, withTelemetry: true);
        var fleet = _server.Get<FleetService>();
        var (prefixA, prefixB) = ("Acme/A" + Guid.NewGuid().ToString("N")[..12], "Acme/B" + Guid.NewGuid().ToString("N")[..12]);
        _siteA = await fleet.CreateSiteAsync("A " + Guid.NewGuid().ToString("N"), prefixA, "test", CancellationToken.None);
        await fleet.CreateSiteAsync("B " + Guid.NewGuid().ToString("N"), prefixB, "test", CancellationToken.None);
        (_tagA, _tagB) = (prefixA + "/Press/Line1/Press_Machine/Temperature_C", prefixB + "/Utilities/Boiler/Pump/Pressure_bar");
        await _server.Get<ITelemetryStore>().WriteAsync([TelemetrySamples.Number(_tagA, _t, 111.25), TelemetrySamples.Number(_tagB, _t, 987.5)], CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task History_OtEngineerOfSiteA_SiteBTagNotFoundWithNoSiteBData()
    {
        var engineer = await Iam.CreateUserAsync(_server, [Roles.OtEngineer], [_siteA.Id]);
        using var session = await Iam.SignInAsync(_server, engineer.UserName);

        foreach (var endpoint in Endpoints)
        {
            (await ReadAsync(session, endpoint, _tagA)).Should().Contain("111.25", endpoint);
            foreach (var tags in new[] { new[] { _tagB }, [_tagA, _tagB] })
            {
                using var response = await session.GetAsync(Url(endpoint, tags));
                var body = await response.Content.ReadAsStringAsync();
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{endpoint} of {string.Join(", ", tags)}");
                body.Should().NotContain("987.5").And.NotContain("111.25").And.NotContain("Pressure_bar");
            }
        }
    }

    [Fact]
    public async Task History_OtEngineerWithoutSites_EveryTagNotFound()
    {
        var engineer = await Iam.CreateUserAsync(_server, [Roles.OtEngineer]);
        using var session = await Iam.SignInAsync(_server, engineer.UserName);

        foreach (var endpoint in Endpoints)
        {
            using var response = await session.GetAsync(Url(endpoint, [_tagA]));
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, endpoint);
        }
    }

    [Fact]
    public async Task History_OtherRolesAndHistoryClient_ReadEverySite()
    {
        var clients = new List<HttpClient>();
        foreach (var role in Roles.All.Where(r => r != Roles.OtEngineer))
        {
            clients.Add(await Iam.SignInAsync(_server, (await Iam.CreateUserAsync(_server, [role])).UserName));
        }

        clients.Add(Iam.BearerClient(_server, await Iam.TokenAsync(_server, await Iam.CreateMachineClientAsync(_server, Scopes.HistoryRead))));
        foreach (var client in clients)
        {
            foreach (var endpoint in Endpoints)
            {
                var body = await ReadAsync(client, endpoint, _tagA, _tagB);
                body.Should().Contain("111.25", endpoint).And.Contain("987.5", endpoint);
            }

            client.Dispose();
        }
    }

    [Fact]
    public async Task UnsExplorer_OtEngineerOfSiteA_ListsAndChartsOnlySiteATags()
    {
        var engineer = await Iam.CreateUserAsync(_server, [Roles.OtEngineer], [_siteA.Id]);
        var viewer = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        await using var scope = _server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var explorer = new UnsExplorer(
            services.GetRequiredService<LastValueCache>(),
            services.GetRequiredService<ITelemetryStore>(),
            services.GetRequiredService<IOptions<TelemetryOptions>>(),
            new PortalAuthorization(services.GetRequiredService<IAuthorizationService>()),
            services.GetRequiredService<TagAccess>());
        var engineerPrincipal = await PrincipalAsync(services, engineer);

        (await explorer.ListValuesAsync(engineerPrincipal, CancellationToken.None)).Select(v => v.Topic).Should().Contain(_tagA).And.NotContain(_tagB);
        (await explorer.ListValuesAsync(await PrincipalAsync(services, viewer), CancellationToken.None)).Select(v => v.Topic).Should().Contain([_tagA, _tagB]);
        (await explorer.GetHistoryAsync(engineerPrincipal, _tagA, _t, _t.AddMinutes(1), null, CancellationToken.None)).Series.Single().Values.Should().Equal(111.25);
        var siteB = () => explorer.GetHistoryAsync(engineerPrincipal, _tagB, _t, _t.AddMinutes(1), null, CancellationToken.None);
        await siteB.Should().ThrowAsync<PortalException>();
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, UserSummary user)
    {
        var users = services.GetRequiredService<UserManager<ProxusUser>>();
        return await services.GetRequiredService<IUserClaimsPrincipalFactory<ProxusUser>>().CreateAsync((await users.FindByIdAsync(user.Id.ToString()))!);
    }

    private async Task<string> ReadAsync(HttpClient client, string endpoint, params string[] tags)
    {
        using var response = await client.GetAsync(Url(endpoint, tags));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{endpoint}: {body}");
        return body;
    }

    private string Url(string endpoint, string[] tags)
    {
        var query = string.Join('&', tags.Select(t => "tag=" + Uri.EscapeDataString(t)));
        var range = $"from={Uri.EscapeDataString(_t.ToString("O"))}&to={Uri.EscapeDataString(_t.AddMinutes(1).ToString("O"))}";
        return endpoint switch
        {
            "last" => $"/api/v1/history/last?{query}",
            "aggregates" => $"/api/v1/history/aggregates?{query}&{range}&bucket=1m",
            _ => $"/api/v1/history/{endpoint}?{query}&{range}",
        };
    }
}
