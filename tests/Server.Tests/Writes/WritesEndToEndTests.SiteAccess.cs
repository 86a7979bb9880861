using System.Net;
using System.Net.Http.Json;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Writes;
using Proxus.Server.Writes.Contracts;

namespace Proxus.Server.Tests.Writes;

/// <summary>The object-level check of write requests: an OtEngineer of another site neither sees nor changes them.</summary>
public abstract partial class WritesEndToEndTests
{
    [Fact]
    public async Task ReadListCancel_EngineerOfAnotherSite_NotFoundNotListedAndNoSiteData()
    {
        var (status, request, body) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "9", "object-level check");
        status.Should().Be(HttpStatusCode.Created, body);
        var otherSite = await scenario.Server.Get<FleetService>().CreateSiteAsync("Other " + Guid.NewGuid().ToString("N"), "user:test", CancellationToken.None);
        var outsider = await scenario.SignInAsync([Roles.OtEngineer], [otherSite.Id]);

        using var read = await outsider.GetAsync($"/api/v1/writes/{request!.Id:D}");
        var listed = await outsider.GetFromJsonAsync<List<WriteRequestResponse>>("/api/v1/writes?limit=1000");
        using var cancel = await outsider.PostAsJsonAsync($"/api/v1/writes/{request.Id:D}/cancel", new { });

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await read.Content.ReadAsStringAsync()).Should().NotContain(scenario.Prefix).And.NotContain("object-level check");
        listed.Should().NotContain(r => r.Id == request.Id);
        cancel.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        (await cancel.Content.ReadAsStringAsync()).Should().NotContain(scenario.Prefix).And.NotContain("object-level check");
        (await scenario.WaitForAsync(request.Id, WriteState.Requested)).State.Should().Be(nameof(WriteState.Requested));
        (await WritesScenario.PostAsync(scenario.Engineer, $"/api/v1/writes/{request.Id:D}/cancel")).Should().Be(HttpStatusCode.OK);
    }
}
