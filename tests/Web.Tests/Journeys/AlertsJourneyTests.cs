using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>
/// An alert provoked for real (repeated MQTT authentication failures from one address, with a
/// client id that names no agent) shows on the alerts page and in the navigation's badge; the
/// administrator acknowledges it with a comment; the auditor reads but cannot acknowledge.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AlertsJourneyTests(PortalServer server)
{
    /// <summary><c>Monitoring:Rules:AuthenticationFailureThreshold</c>'s default.</summary>
    private const int FailuresToAlert = 5;

    /// <summary>How long the audit of the failures and the alert engine's evaluation may take on a loaded machine.</summary>
    private static readonly TimeSpan AlertRaised = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Admin_SeesTheAlertOfRepeatedFailedSignIns_AcknowledgesItWithAComment()
    {
        var clientId = Portal.UniqueName("plc-scanner");
        for (var attempt = 0; attempt < FailuresToAlert; attempt++)
        {
            (await MqttIntruder.ConnectAsync(server.BaseAddress, clientId, "maintenance", "guess-" + attempt)).Should().NotBe(0, "a wrong password is refused");
        }

        // The broker audits the failures and the alert engine evaluates them in the background: the page shows the alert after a later rendering.
        var admin = await server.AdminPageAsync();
        var rows = admin.GetByTestId("alerts-table").Locator("tbody tr");
        var alert = rows.Filter(new() { HasText = "source:127.0.0.1" });
        await Portal.WaitUntilShownAsync(admin, "alerts?state=Open&rule=auth-failures", _ => alert, AlertRaised);
        await Assertions.Expect(alert).ToHaveCountAsync(1);
        await Assertions.Expect(alert).ToContainTextAsync("High");
        await Assertions.Expect(alert).ToContainTextAsync("authentication failures");
        await Assertions.Expect(admin.GetByTestId("alerts-table")).Not.ToContainTextAsync("::ffff:", new() { Timeout = 5_000 });
        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByTestId("open-alerts")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]* open$"));

        // The client id that names no agent raised its own alert.
        await Portal.WaitUntilShownAsync(admin, "alerts?rule=unknown-client-id", _ => rows.Filter(new() { HasText = "mqtt-client:" + clientId }), AlertRaised);
        await Assertions.Expect(rows.Filter(new() { HasText = "mqtt-client:" + clientId })).ToHaveCountAsync(1);
        await Portal.ScreenshotAsync(admin, "portal-alerts");

        await admin.GotoAsync("alerts?state=Open&rule=auth-failures");
        await alert.GetByRole(AriaRole.Link, new() { Name = "Acknowledge alert auth-failures source:127.0.0.1" }).ClickAsync();
        var panel = admin.GetByTestId("acknowledge-panel");
        await Assertions.Expect(panel).ToContainTextAsync("authentication failures");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Acknowledge alert" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("Say why the alert is acknowledged.")).ToBeVisibleAsync();
        await panel.GetByLabel("Comment").FillAsync("pen test from the engineering laptop");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Acknowledge alert" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("success")).ToContainTextAsync("Alert acknowledged");
        await Assertions.Expect(alert).ToHaveCountAsync(0);

        await admin.GotoAsync("alerts?state=Acknowledged&rule=auth-failures");
        await Assertions.Expect(rows.Filter(new() { HasText = "pen test from the engineering laptop" })).ToContainTextAsync("by user:admin");
        await admin.Context.CloseAsync();

        var auditor = await Portal.NewUserPageAsync(server, Portal.UniqueName("auditor"), "Auditor");
        await auditor.GotoAsync("alerts");
        await Assertions.Expect(auditor.GetByTestId("alerts-table")).ToContainTextAsync("mqtt-client:" + clientId);
        await Assertions.Expect(auditor.GetByRole(AriaRole.Link, new() { Name = "Acknowledge alert unknown-client-id mqtt-client:" + clientId })).ToHaveCountAsync(0);
        await auditor.GotoAsync("audit?type=alert.acknowledged");
        await Assertions.Expect(auditor.GetByTestId("audit-table")).ToContainTextAsync("pen test from the engineering laptop");
        await auditor.Context.CloseAsync();
    }

    [Fact]
    public async Task Alerts_InvalidFilters_AreReportedAndMatchNothing()
    {
        var admin = await server.AdminPageAsync();
        await admin.GotoAsync("alerts?severity=Catastrophic&scope=galaxy:1&to=not-a-time");
        var errors = admin.GetByTestId("error");
        await Assertions.Expect(errors).ToContainTextAsync("The end time is not a date and time.");
        await Assertions.Expect(errors).ToContainTextAsync("Choose a site or an agent from the list.");
        await Assertions.Expect(admin.GetByText("No alerts match these filters.")).ToBeVisibleAsync();
        await admin.GotoAsync("alerts?severity=Catastrophic");
        await Assertions.Expect(errors).ToContainTextAsync("The severity is one of Low, Medium, High, Critical.");
        await admin.Context.CloseAsync();
    }
}
